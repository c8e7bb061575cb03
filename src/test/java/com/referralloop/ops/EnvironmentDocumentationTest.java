package com.referralloop.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every environment variable the app reads is listed in .env.example and the README, and nothing else is. */
class EnvironmentDocumentationTest {

    static Set<String> read(String file, String regex) throws IOException {
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(Files.readString(Path.of(file)));
        Set<String> names = new TreeSet<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    void envExampleReadmeAndApplicationYamlAgree() throws IOException {
        Set<String> readByApp = read("src/main/resources/application.yml", "\\$\\{([A-Z][A-Z0-9_]+):");
        Set<String> example = read(".env.example", "^([A-Z][A-Z0-9_]+)=");
        String readme = Files.readString(Path.of("README.md"));

        assertThat(readByApp).isNotEmpty();
        assertThat(example).containsAll(readByApp);
        assertThat(readByApp).containsAll(example);
        for (String name : readByApp) {
            assertThat(readme).as("README documents " + name).contains("`" + name + "`");
        }
    }

    @Test
    void envExampleHoldsNoUsableSecret() throws IOException {
        for (String line : Files.readAllLines(Path.of(".env.example"))) {
            if (line.matches("^[A-Z_]*(SECRET|TOKEN|PASSWORD|KEY)=.*")) {
                assertThat(line).as("placeholder must be empty: " + line).endsWith("=");
            }
        }
    }
}
