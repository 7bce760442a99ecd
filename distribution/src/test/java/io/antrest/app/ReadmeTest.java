package io.antrest.app;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * README.md shows the code the tests run: each embedding example of {@link ReadmeExamplesTest}
 * and the plugin that {@code DistributionIT} compiles appear in it line for line, and it tells
 * the two set-up commands that CI runs.
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
        assertThat(titles).containsExactly("Embedding without Guice", "Embedding with Guice", "The request engine alone");
        String readme = Files.readString(README);
        for (String title : List.of("### Without Guice", "### With Guice", "### The request engine alone")) {
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
}
