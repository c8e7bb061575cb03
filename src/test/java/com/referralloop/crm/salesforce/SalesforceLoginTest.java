package com.referralloop.crm.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.referralloop.crm.CrmException;
import com.referralloop.crm.CrmHttp;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Logging in to a local Salesforce over real HTTP: client credentials, the JWT bearer flow with both PEM forms, refusals. */
class SalesforceLoginTest {

    static final SalesforceStub SALESFORCE = new SalesforceStub();
    static final JsonMapper JSON = JsonMapper.builder().build();

    @AfterAll
    static void stop() {
        SALESFORCE.close();
    }

    static CrmHttp http() {
        return new CrmHttp(SALESFORCE.url(), Duration.ofSeconds(5), JSON, Clock.systemUTC(),
                new SalesforceAnswers(JSON, new SalesforceApiUsage(0.95, Duration.ofMinutes(1), Clock.systemUTC())));
    }

    @Test
    void clientCredentialsGiveASessionThatIsKeptUntilExpired() {
        SalesforceSession session = new SalesforceSession(http(), SalesforceStub.CLIENT_ID, SalesforceStub.CLIENT_SECRET, null);
        int before = SALESFORCE.logins.get();

        SalesforceSession.Session s = session.get();

        assertThat(s.instanceUrl()).isEqualTo(SALESFORCE.url());
        assertThat(session.get()).isSameAs(s);
        assertThat(SALESFORCE.logins.get()).isEqualTo(before + 1);
        session.expire(s);
        assertThat(session.get().accessToken()).isNotEqualTo(s.accessToken());
        assertThat(s.toString()).doesNotContain(s.accessToken());
    }

    @Test
    void aWrongSecretOrADisabledClientIsARefusedLoginThatNamesNoSecret() {
        SalesforceSession wrong = new SalesforceSession(http(), SalesforceStub.CLIENT_ID, "not-the-secret", null);
        assertThatThrownBy(wrong::get).isInstanceOfSatisfying(CrmException.class, e -> {
            assertThat(e.kind()).isEqualTo(CrmException.Kind.UNAUTHORIZED);
            assertThat(e.getMessage()).contains("invalid_client").doesNotContain("not-the-secret");
        });
    }

    @Test
    void theJwtBearerFlowSignsAnAssertionSalesforceAccepts() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        KeyPair pair = gen.generateKeyPair();
        SALESFORCE.jwtKey = pair.getPublic();
        SALESFORCE.jwtUsername = "integration@vendor.com";
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        String pkcs8Pem = pem("PRIVATE KEY", pkcs8);
        // PKCS#1 is the OCTET STRING inside PKCS#8 (after 30 82 LL LL, 02 01 00, the 15-byte algorithm, 04 82 LL LL)
        String pkcs1Pem = pem("RSA PRIVATE KEY", Arrays.copyOfRange(pkcs8, 26, pkcs8.length)).replace("\n", "\\n");

        for (String pem : new String[] {pkcs8Pem, pkcs1Pem}) {
            SalesforceJwt jwt = new SalesforceJwt(pem, SalesforceStub.CLIENT_ID, "integration@vendor.com",
                    "https://yourcompany.my.salesforce.com", JSON, Clock.systemUTC());
            SalesforceSession session = new SalesforceSession(http(), SalesforceStub.CLIENT_ID, null, jwt);
            assertThat(session.get().accessToken()).startsWith("00DSTUB!");
        }

        // a key the connected app does not know is refused
        KeyPair other = gen.generateKeyPair();
        SalesforceJwt stranger = new SalesforceJwt(pem("PRIVATE KEY", other.getPrivate().getEncoded()), SalesforceStub.CLIENT_ID,
                "integration@vendor.com", "https://login.salesforce.com", JSON, Clock.systemUTC());
        assertThatThrownBy(new SalesforceSession(http(), SalesforceStub.CLIENT_ID, null, stranger)::get)
                .isInstanceOfSatisfying(CrmException.class, e -> assertThat(e.kind()).isEqualTo(CrmException.Kind.UNAUTHORIZED));
    }

    @Test
    void theAudienceFollowsTheLoginUrlAndABadKeyIsNamed() {
        assertThat(SalesforceJwt.audience("https://acme.my.salesforce.com")).isEqualTo("https://login.salesforce.com");
        assertThat(SalesforceJwt.audience("https://acme--uat.sandbox.my.salesforce.com")).isEqualTo("https://test.salesforce.com");
        assertThat(SalesforceJwt.audience("https://test.salesforce.com")).isEqualTo("https://test.salesforce.com");
        assertThatThrownBy(() -> SalesforceJwt.privateKey("ssh-rsa AAAA")).hasMessageContaining("SALESFORCE_PRIVATE_KEY")
                .hasMessageContaining("BEGIN PRIVATE KEY");
        assertThatThrownBy(() -> SalesforceJwt.privateKey("-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----"))
                .hasMessageContaining("not a readable RSA private key");
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
