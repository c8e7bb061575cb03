package com.referralloop.bench;

import com.referralloop.crm.hubspot.HubSpotStub;
import com.referralloop.crm.salesforce.SalesforceStub;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import tools.jackson.databind.JsonNode;

/**
 * CRM sync rate (issue 15): the real app (its own JVM, embedded store in a fresh directory) syncs from a local
 * HubSpot and a local Salesforce stub in this JVM, over real HTTP, answering in the shapes the two APIs
 * document (search cursors and the 10,000-result cap; SOQL {@code nextRecordsUrl}). For each CRM and size:
 * a first full sync through {@code POST /api/crm/sync}, then an incremental one after 1 % of the companies and
 * contacts changed. Prints wall time, records per second and HTTP calls to the CRM per record read.
 *
 * <p>Usage: {@code bench/run-crm-sync.sh [companies...=5000 20000]}; three contacts per company, 50 owners.
 */
public final class CrmSyncBench {

    static final int CONTACTS = 3;
    static final int OWNERS = 50;
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String API_TOKEN = "crm-sync-bench-api-token";

    private CrmSyncBench() {
    }

    /** One CRM under test: its stub filled with {@code companies}, its settings, its call counter. */
    private interface Crm extends AutoCloseable {
        String name();

        void fill(int companies);

        void change(int companies, Instant at);

        Map<String, String> env();

        int calls();

        @Override
        void close();
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String a : args.length == 0 ? new String[] {"5000", "20000"} : args) {
            sizes.add(Integer.parseInt(a.replace("_", "").replace(",", "")));
        }
        BenchMachine.quietDriverLog();
        System.out.printf("CRM sync bench: sizes %s companies (%d contacts each, %d owners), commit %s, %d cores, Java %s%n",
                sizes, CONTACTS, OWNERS, System.getenv().getOrDefault("BENCH_COMMIT", "?"),
                Runtime.getRuntime().availableProcessors(), Runtime.version());
        System.out.println("load at start: " + BenchMachine.load());
        List<String> table = new ArrayList<>();
        table.add(String.format("%-10s %8s %8s %-11s %9s %10s %8s %11s", "crm", "companies", "records", "sync",
                "seconds", "records/s", "calls", "calls/record"));
        for (int size : sizes) {
            try (Crm hubspot = hubspot()) {
                table.addAll(run(hubspot, size));
            }
            try (Crm salesforce = salesforce()) {
                table.addAll(run(salesforce, size));
            }
        }
        System.out.println();
        System.out.println("=== CRM sync: figures ===");
        table.forEach(System.out::println);
        System.out.println("load at end: " + BenchMachine.load());
        System.exit(0);
    }

    static List<String> run(Crm crm, int companies) throws Exception {
        System.out.printf("%n=== %s, %,d companies ===%n", crm.name(), companies);
        crm.fill(companies);
        Path dir = Files.createTempDirectory("referral-crm-bench-");
        Map<String, String> env = new LinkedHashMap<>(crm.env());
        env.put("REFERRAL_DATA_DIR", dir.toString());
        env.put("REFERRAL_API_TOKEN", API_TOKEN);
        // the bench starts each sync itself
        env.put("REFERRAL_CRM_SYNC_INTERVAL", "24h");
        int port = BenchMachine.freePort();
        List<String> rows = new ArrayList<>();
        try (AppProcess app = AppProcess.start(port, env, dir.resolve("app.log"), List.of("-Xmx512m"), Duration.ofSeconds(90))) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            rows.add(sync(app, http, crm, companies, "full", companies * (1 + CONTACTS)));
            int changed = Math.max(1, companies / 100);
            crm.change(changed, Instant.now());
            rows.add(sync(app, http, crm, companies, "incremental", changed * (1 + CONTACTS)));
        }
        return rows;
    }

    private static String sync(AppProcess app, HttpClient http, Crm crm, int companies, String kind, int expected)
            throws Exception {
        int callsBefore = crm.calls();
        long t0 = System.nanoTime();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(app.base() + "/api/crm/sync"))
                .header("Authorization", "Bearer " + API_TOKEN).timeout(Duration.ofMinutes(30))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        double seconds = (System.nanoTime() - t0) / 1e9;
        int calls = crm.calls() - callsBefore;
        if (r.statusCode() != 200) {
            throw new IllegalStateException(kind + " sync answered " + r.statusCode() + ": " + r.body());
        }
        JsonNode status = LoadBench.JSON.readTree(r.body());
        long accounts = status.findValue("accountsRead") == null ? 0 : status.findValue("accountsRead").asLong();
        long contacts = status.findValue("contactsRead") == null ? 0 : status.findValue("contactsRead").asLong();
        long records = accounts + contacts;
        System.out.printf("  %s sync: %,d accounts and %,d contacts read in %.2f s, %d calls to %s; answer %s%n",
                kind, accounts, contacts, seconds, calls, crm.name(), cut(r.body()));
        if (records < expected) {
            System.out.printf("  WARNING: expected at least %,d records, read %,d%n", expected, records);
        }
        return String.format("%-10s %8d %8d %-11s %9.2f %10.0f %8d %11.3f", crm.name(), companies, records, kind,
                seconds, records / seconds, calls, records == 0 ? 0.0 : (double) calls / records);
    }

    private static String cut(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "…";
    }

    static String ownerEmail(int i) {
        return "rep" + (i % OWNERS) + "@vendor.example";
    }

    static String contactEmail(int company, int k) {
        return "person" + k + "@company" + company + ".example";
    }

    private static Crm hubspot() {
        HubSpotStub stub = new HubSpotStub();
        return new Crm() {
            @Override
            public String name() {
                return "hubspot";
            }

            @Override
            public void fill(int companies) {
                for (int o = 0; o < OWNERS; o++) {
                    stub.owners.put(Integer.toString(100 + o), ownerEmail(o));
                }
                for (int i = 0; i < companies; i++) {
                    company(i, T0.plusSeconds(i), "Company " + i);
                }
            }

            private void company(int i, Instant at, String name) {
                stub.company("C" + i, name, Integer.toString(100 + i % OWNERS), at, Map.of());
                for (int k = 0; k < CONTACTS; k++) {
                    stub.contact("P" + i + "-" + k, contactEmail(i, k), "First" + k, "Last" + i, "C" + i, at, Map.of());
                }
            }

            @Override
            public void change(int companies, Instant at) {
                for (int i = 0; i < companies; i++) {
                    company(i * 100, at.plusMillis(i), "Company " + (i * 100) + " (renamed)");
                }
            }

            @Override
            public Map<String, String> env() {
                return Map.of("HUBSPOT_ACCESS_TOKEN", HubSpotStub.TOKEN, "HUBSPOT_API_URL", stub.url());
            }

            @Override
            public int calls() {
                return stub.calls.size();
            }

            @Override
            public void close() {
                stub.close();
            }
        };
    }

    private static Crm salesforce() {
        SalesforceStub stub = new SalesforceStub();
        IntSupplier calls = () -> stub.calls.size();
        return new Crm() {
            @Override
            public String name() {
                return "salesforce";
            }

            @Override
            public void fill(int companies) {
                stub.deployPackage();
                for (int o = 0; o < OWNERS; o++) {
                    stub.user(id("005R", o), ownerEmail(o), null);
                }
                for (int i = 0; i < companies; i++) {
                    account(i, T0.plusSeconds(i), "Account " + i);
                }
            }

            private void account(int i, Instant at, String name) {
                stub.account(id("001A", i), name, id("005R", i % OWNERS), at, Map.of());
                for (int k = 0; k < CONTACTS; k++) {
                    stub.contact(id("003" + k, i), id("001A", i), contactEmail(i, k), "First" + k, "Last" + i, at, Map.of());
                }
            }

            @Override
            public void change(int companies, Instant at) {
                for (int i = 0; i < companies; i++) {
                    account(i * 100, at.plusMillis(i), "Account " + (i * 100) + " (renamed)");
                }
            }

            @Override
            public Map<String, String> env() {
                return Map.of("SALESFORCE_LOGIN_URL", stub.url(), "SALESFORCE_CLIENT_ID", SalesforceStub.CLIENT_ID,
                        "SALESFORCE_CLIENT_SECRET", SalesforceStub.CLIENT_SECRET);
            }

            @Override
            public int calls() {
                return calls.getAsInt();
            }

            @Override
            public void close() {
                stub.close();
            }
        };
    }

    /** An 18-character Salesforce id: a 4-character prefix and 14 digits. */
    static String id(String prefix, int i) {
        return prefix + String.format("%014d", i);
    }
}
