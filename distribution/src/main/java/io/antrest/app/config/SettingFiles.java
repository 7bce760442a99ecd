package io.antrest.app.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static java.util.Objects.requireNonNull;

/**
 * Reads the small text files antrest is pointed at (the settings file, a secret or PEM key, a
 * passphrase) with a bound on their size, so that a wrong path ({@code /dev/zero}, a log file)
 * ends at once with a message instead of filling the heap. Every message names the option or
 * setting the path came from, the path, the problem and the fix; none holds the file's content.
 */
public final class SettingFiles {
    /** The largest settings file read: 1 MiB, far more than any settings file needs. */
    public static final int MAX_SETTINGS_BYTES = 1 << 20;
    /** The largest secret, PEM private key or passphrase file read: 64 KiB (an RSA 4096 PEM key is about 3 KiB). */
    public static final int MAX_SECRET_BYTES = 64 << 10;

    private SettingFiles() {
    }

    /**
     * The file's text, UTF-8.
     *
     * @param file     the file
     * @param maxBytes the most read; a longer file is refused
     * @param option   the option or setting that named it, e.g. {@code --secret-file}
     * @param holding  what the file should hold, e.g. {@code the secret or PEM private key}
     * @throws ConfigException when it is missing, a directory, unreadable, too large or not UTF-8
     */
    public static String read(Path file, int maxBytes, String option, String holding) {
        requireNonNull(file, "file is null");
        requireNonNull(option, "option is null");
        requireNonNull(holding, "holding is null");
        String where = option + " " + file;
        if (Files.isDirectory(file)) {
            throw new ConfigException(where + " is a directory: give the path of the file holding " + holding);
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(maxBytes + 1);
        } catch (NoSuchFileException e) {
            throw new ConfigException(where + " does not exist: give the path of the file holding " + holding);
        } catch (AccessDeniedException e) {
            throw new ConfigException(where + " cannot be read by this user (permission denied): give antrest's user"
                    + " read access to it (chmod 600 for its owner)");
        } catch (IOException e) {
            String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason()
                    : e.getClass().getSimpleName();
            throw new ConfigException(where + " cannot be read (" + reason + "): give the path of the file holding "
                    + holding);
        }
        if (bytes.length > maxBytes) {
            throw new ConfigException(where + " is larger than " + size(maxBytes) + ", the most antrest reads for it:"
                    + " it cannot be the file holding " + holding + "; give the right file");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(where + " is not UTF-8 text: give the file holding " + holding
                    + ", saved as UTF-8");
        }
    }

    /** {@code 1 MiB}, {@code 64 KiB}, else bytes. */
    static String size(int bytes) {
        if (bytes % (1 << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes % (1 << 10) == 0) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + " bytes";
    }
}
