package io.antrest.app;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * README.md shows the code the tests run: each embedding example of {@link ReadmeExamplesTest}
 * and the plugin that {@code DistributionIT} compiles appear in it line for line, and it tells
 * the two set-up commands that CI runs; the Maven coordinates it gives are the build's own.
 */
class ReadmeTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Path EXAMPLES = Path.of("src/test/java/io/antrest/app/ReadmeExamplesTest.java");
    private static final Path TOY_PLUGIN = Path.of("src/test/java/io/antrest/app/it/ToyPlugin.java");

    /** README's fenced code blocks, each with its lines stripped of surrounding white space. */
    private static List<List<String>> readmeBlocks() throws IOException {
        List<List<String>> blocks = new ArrayList<>();
        List<String> current = null;
        for (String line : Files.readAllLines(README)) {
            if (line.startsWith("```")) {
                if (current == null) {
                    current = new ArrayList<>();
                } else {
                    blocks.add(current);
                    current = null;
                }
            } else if (current != null && !line.isBlank()) {
                current.add(line.strip());
            }
        }
        return blocks;
    }

    private static List<String> stripped(String text) {
        return text.lines().filter(l -> !l.isBlank()).map(String::strip).toList();
    }

    @Test
    void everyEmbeddingExampleTheTestsRunIsInTheReadmeAsWritten() throws IOException {
        String source = Files.readString(EXAMPLES);
        Matcher m = Pattern.compile("// README: \"([^\"]+)\"\\n(.*?)\\n\\s*// end of README example", Pattern.DOTALL)
                .matcher(source);
        List<String> titles = new ArrayList<>();
        List<List<String>> blocks = readmeBlocks();
        while (m.find()) {
            titles.add(m.group(1));
            List<String> example = stripped(m.group(2));
            assertThat(blocks).as("README block showing \"" + m.group(1) + "\"")
                    .anySatisfy(block -> assertThat(String.join("\n", block)).contains(String.join("\n", example)));
        }
        assertThat(titles).containsExactly("Embedding without Guice", "Embedding with Guice", "Metrics with Micrometer",
                "The request engine alone");
        String readme = Files.readString(README);
        for (String title : List.of("### Without Guice", "### With Guice", "### Metrics with Micrometer",
                "### The request engine alone")) {
            assertThat(readme).contains(title);
        }
    }

    @Test
    void thePluginTheDropInTestCompilesIsInTheReadmeAsWritten() throws IOException {
        String source = Files.readString(TOY_PLUGIN);
        List<List<String>> blocks = readmeBlocks();
        Matcher m = Pattern.compile("\"\"\"\\n(.*?)\"\"\";", Pattern.DOTALL).matcher(source);
        int found = 0;
        while (m.find()) {
            List<String> code = stripped(m.group(1));
            assertThat(blocks).anySatisfy(block -> assertThat(block).isEqualTo(code));
            found++;
        }
        assertThat(found).as("module-info and provider text blocks in ToyPlugin").isEqualTo(2);
    }

    @Test
    void theReadmeOpensWithTheTwoSetUpCommandsAndCiRunsTheTestOne() throws IOException {
        String readme = Files.readString(README);
        int setUp = readme.indexOf("## Set-up: the two commands");
        assertThat(setUp).isPositive();
        assertThat(readme.substring(0, setUp)).doesNotContain("## ");
        assertThat(readme).contains("mvn -B -q package -DskipTests && distribution/target/antrest/bin/antrest demo",
                "# 2. run all tests\nmvn -B verify\n");
        assertThat(Files.readString(Path.of("..", ".ci", "run"))).contains("\nmvn -B verify\n");
    }

    private static List<String> all(String regex, String text) {
        Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(text);
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static String first(String regex, String text) {
        List<String> found = all(regex, text);
        assertThat(found).as(regex).isNotEmpty();
        return found.get(0);
    }

    @Test
    void theBomListsEveryLibraryAndTheReadmesCoordinatesAreTheBuilds() throws IOException {
        String parent = Files.readString(Path.of("..", "pom.xml"));
        String bom = Files.readString(Path.of("..", "bom", "pom.xml"));
        String version = first("<artifactId>antrest-parent</artifactId>\\s*<version>([^<]+)</version>", parent);

        assertThat(bom).doesNotContain("<parent>");
        assertThat(first("<artifactId>antrest-bom</artifactId>\\s*<version>([^<]+)</version>", bom)).isEqualTo(version);
        String managed = first("<dependencyManagement>(.*)</dependencyManagement>", bom);
        assertThat(all("<groupId>([^<]+)</groupId>", managed)).as("the BOM pins antrest's artifacts only").containsOnly("io.antrest");
        Set<String> listed = new TreeSet<>(all("<artifactId>([^<]+)</artifactId>", managed));
        // every library the reactor builds; the applications (distribution, benchmarks) are not published for embedding
        for (String module : all("<module>([^<]+)</module>", parent)) {
            if (List.of("bom", "distribution", "benchmarks").contains(module)) {
                continue;
            }
            String pom = Files.readString(Path.of("..", module, "pom.xml"));
            String artifact = first("</parent>\\s*<artifactId>([^<]+)</artifactId>", pom);
            assertThat(listed).as("antrest-bom lists " + module).contains(artifact);
        }

        String xml = String.join("\n", readmeBlocks().stream()
                .filter(b -> !b.isEmpty() && b.get(0).startsWith("<")).map(b -> String.join("\n", b)).toList());
        assertThat(first("<artifactId>antrest-bom</artifactId>\\s*<version>([^<]+)</version>", xml)).isEqualTo(version);
        List<String> used = all("<artifactId>(antrest-[^<]+)</artifactId>", xml);
        assertThat(used).contains("antrest-bom", "antrest-gateway");
        assertThat(used).filteredOn(a -> !a.equals("antrest-bom")).allSatisfy(a -> assertThat(listed).contains(a));
        assertThat(first("<artifactId>h2</artifactId><version>([^<]+)</version>", xml))
                .isEqualTo(first("<h2.version>([^<]+)</h2.version>", parent));
    }
}
