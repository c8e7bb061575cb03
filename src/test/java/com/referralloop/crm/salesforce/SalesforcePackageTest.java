package com.referralloop.crm.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.crm.CrmField;
import com.referralloop.crm.CrmProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * manifests/salesforce is what an admin deploys before connecting Salesforce: it must hold every field the
 * adapter writes or reads by default, with the type the bot sends, in package.xml and in the permission set.
 */
class SalesforcePackageTest {

    static final Path SOURCE = Path.of("manifests/salesforce/force-app/main/default");

    @Test
    void everyFieldTheBotWritesOrReadsByDefaultIsInThePackageWithItsType() throws Exception {
        Map<String, String> expected = new HashMap<>();
        for (CrmField f : CrmField.values()) {
            if (f.target() != CrmField.Target.LEAD) {
                String object = f.target() == CrmField.Target.CONTACT ? "Contact" : "Account";
                expected.put(object + "." + f.salesforceName(), switch (f.type()) {
                    case "number" -> "Number";
                    case "date" -> "Date";
                    default -> "Text";
                });
                assertThat(text(read(fieldFile(object, f.salesforceName())), "label")).isEqualTo(f.label());
            }
        }
        expected.put("Lead." + CrmField.REFERRED_BY.salesforceName(), "Text");
        // the key creations are found by: Task's custom fields are deployed on Activity
        expected.put("Lead." + SalesforceWriter.KEY, "Text");
        expected.put("Activity." + SalesforceWriter.KEY, "Text");
        CrmProperties.Fields mapped = CrmProperties.Fields.SALESFORCE;
        for (String contactField : List.of(mapped.slackUserId(), mapped.discordUserId(), mapped.preferredChannel())) {
            expected.put("Contact." + contactField, "Text");
        }
        expected.put("Account." + mapped.csChannel(), "Text");
        SalesforceWriter.WRITTEN.forEach((object, names) -> names.forEach(n ->
                assertThat(expected).containsKey((object.equals("Task") ? "Activity" : object) + "." + n)));
        // the Lead is upserted by its key, which Salesforce allows only on an External ID; unique, so one record per fact
        Document leadKey = read(fieldFile("Lead", SalesforceWriter.KEY));
        assertThat(text(leadKey, "externalId")).isEqualTo("true");
        assertThat(text(leadKey, "unique")).isEqualTo("true");
        assertThat(Integer.parseInt(text(leadKey, "length"))).isEqualTo(255);

        Set<String> inSource = new TreeSet<>();
        try (Stream<Path> files = Files.walk(SOURCE.resolve("objects"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".field-meta.xml")).toList()) {
                String object = file.getParent().getParent().getFileName().toString();
                Document field = read(file);
                String name = object + "." + text(field, "fullName");
                assertThat(file.getFileName().toString()).isEqualTo(text(field, "fullName") + ".field-meta.xml");
                assertThat(text(field, "type")).as(name).isEqualTo(expected.get(name));
                assertThat(text(field, "label").length()).as(name + " label").isLessThanOrEqualTo(40);
                inSource.add(name);
            }
        }
        assertThat(inSource).isEqualTo(new TreeSet<>(expected.keySet()));
        assertThat(texts(read(Path.of("manifests/salesforce/package.xml")), "members"))
                .containsAll(inSource).contains("Referral_Loop_Integration");
        Document permissions = read(SOURCE.resolve("permissionsets/Referral_Loop_Integration.permissionset-meta.xml"));
        assertThat(texts(permissions, "field")).containsExactlyInAnyOrderElementsOf(inSource);
        assertThat(texts(permissions, "editable")).containsOnly("true");
    }

    private static Path fieldFile(String object, String name) {
        return SOURCE.resolve("objects/" + object + "/fields/" + name + ".field-meta.xml");
    }

    private static Document read(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static String text(Document d, String tag) {
        return d.getElementsByTagName(tag).item(0).getTextContent();
    }

    private static List<String> texts(Document d, String tag) {
        NodeList nodes = d.getElementsByTagName(tag);
        return java.util.stream.IntStream.range(0, nodes.getLength()).mapToObj(i -> nodes.item(i).getTextContent()).toList();
    }
}
