package com.referralloop.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.support.Http;
import com.referralloop.support.IntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yaml.snakeyaml.Yaml;

/** The Kubernetes manifests must agree with what the app reads and serves. */
@IntegrationTest
class KubernetesManifestTest {

    @LocalServerPort
    int port;

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> documents(String file) throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object o : new Yaml().loadAll(Files.readString(Path.of("manifests/k8s", file)))) {
            if (o != null) {
                docs.add((Map<String, Object>) o);
            }
        }
        return docs;
    }

    static Map<String, Object> kind(List<Map<String, Object>> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.get("kind"))).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    static <T> T at(Object node, String... path) {
        Object cur = node;
        for (String p : path) {
            cur = cur instanceof List<?> l ? l.get(Integer.parseInt(p)) : ((Map<String, Object>) cur).get(p);
        }
        return (T) cur;
    }

    @Test
    @SuppressWarnings("unchecked")
    void botDeploymentAgreesWithTheAppConfiguration() throws IOException {
        var docs = documents("referral-loop.yaml");
        Map<String, Object> deployment = kind(docs, "Deployment");
        assertThat((Integer) at(deployment, "spec", "replicas")).isGreaterThanOrEqualTo(2);
        Map<String, Object> container = at(deployment, "spec", "template", "spec", "containers", "0");
        assertThat((Map<String, Object>) container.get("resources")).containsKeys("requests", "limits");

        String appYaml = Files.readString(Path.of("src/main/resources/application.yml"));
        String envExample = Files.readString(Path.of(".env.example"));
        List<Map<String, Object>> env = (List<Map<String, Object>>) container.get("env");
        List<String> fromSecret = new ArrayList<>();
        for (Map<String, Object> e : env) {
            String name = (String) e.get("name");
            if (name.equals("JAVA_TOOL_OPTIONS")) {
                continue;
            }
            assertThat(appYaml).as("application.yml reads " + name).contains("${" + name + ":");
            assertThat(envExample).as(".env.example lists " + name).containsPattern("(?m)^" + name + "=");
            if (e.containsKey("valueFrom")) {
                assertThat((String) at(e, "valueFrom", "secretKeyRef", "name")).isEqualTo("referral-loop-secrets");
                fromSecret.add(name);
            }
        }
        assertThat(fromSecret).contains("MONGODB_URI", "REFERRAL_API_TOKEN", "FEEDBACK_WEBHOOK_SECRET",
                "REFERRAL_WEB_USER", "REFERRAL_WEB_PASSWORD", "HUBSPOT_ACCESS_TOKEN", "SALESFORCE_CLIENT_ID",
                "SALESFORCE_CLIENT_SECRET", "SALESFORCE_PRIVATE_KEY");
        // the README's production section names every key the manifest reads from the Secret
        String readme = Files.readString(Path.of("README.md"));
        String production = readme.substring(readme.indexOf("## Running in production"));
        production = production.substring(0, production.indexOf("\n## ", 5));
        for (String key : fromSecret) {
            assertThat(production).as("README's production section names " + key).contains("`" + key + "`");
        }
        String portValue = env.stream().filter(e -> "PORT".equals(e.get("name"))).map(e -> (String) e.get("value"))
                .findFirst().orElseThrow();
        assertThat((Integer) at(container, "ports", "0", "containerPort")).isEqualTo(Integer.parseInt(portValue));

        // the probes point at endpoints the running app really serves
        String readiness = at(container, "readinessProbe", "httpGet", "path");
        String liveness = at(container, "livenessProbe", "httpGet", "path");
        Http http = new Http(port);
        var ready = http.get(readiness);
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(http.get(readiness).body()).contains("mongo");
        assertThat(http.get(liveness).statusCode()).isEqualTo(200);

        Map<String, Object> service = kind(docs, "Service");
        assertThat((String) at(service, "spec", "ports", "0", "targetPort")).isEqualTo(at(container, "ports", "0", "name"));
        assertThat((Map<String, Object>) at(service, "spec", "selector"))
                .isEqualTo(at(deployment, "spec", "template", "metadata", "labels"));
    }

    @Test
    void mongoIsAThreeMemberReplicaSetThatTheDocumentedUriNames() throws IOException {
        var docs = documents("mongodb.yaml");
        Map<String, Object> sts = kind(docs, "StatefulSet");
        assertThat((Integer) at(sts, "spec", "replicas")).isEqualTo(3);
        List<String> args = at(sts, "spec", "template", "spec", "containers", "0", "args");
        String replSet = args.get(args.indexOf("--replSet") + 1);
        String text = Files.readString(Path.of("manifests/k8s/mongodb.yaml"));
        Matcher uri = Pattern.compile("MONGODB_URI=(\\S+)").matcher(text);
        assertThat(uri.find()).isTrue();
        assertThat(uri.group(1)).contains("replicaSet=" + replSet);
        for (int i = 0; i < 3; i++) {
            assertThat(uri.group(1)).contains("mongo-" + i + "." + at(sts, "spec", "serviceName"));
        }
    }
}
