package com.referralloop.account;

import com.referralloop.support.InvalidInputException;
import com.referralloop.support.PageCursor;
import com.referralloop.support.Pages;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;

/** Account and contact upserts: JSON one or many, and CSV import. */
@RestController
@RequestMapping("/api/accounts")
class AccountController {

    private final AccountService service;
    private final AccountCsvImporter importer;
    private final ObjectMapper json;
    private final AccountListing listing;

    AccountController(AccountService service, AccountCsvImporter importer, ObjectMapper json, AccountListing listing) {
        this.service = service;
        this.listing = listing;
        this.importer = importer;
        this.json = json;
    }

    /** Takes one account object or an array; all are checked before any is stored. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> upsert(@RequestBody JsonNode body) {
        List<AccountInput> inputs = new ArrayList<>();
        if (body.isArray()) {
            body.forEach(n -> inputs.add(json.treeToValue(n, AccountInput.class)));
        } else if (body.isObject()) {
            inputs.add(json.treeToValue(body, AccountInput.class));
        } else {
            throw new InvalidInputException("send an account object or an array of them");
        }
        for (int i = 0; i < inputs.size(); i++) {
            int index = i;
            AccountService.problemWith(inputs.get(i)).ifPresent(p -> {
                throw new InvalidInputException(inputs.size() > 1 ? "account [" + index + "]: " + p : p);
            });
        }
        ImportReport report = new ImportReport();
        inputs.forEach(in -> report.add(service.upsert(in)));
        return ResponseEntity.ok(Map.of("accounts", report.getAccounts(), "contacts", report.getContacts()));
    }

    @PostMapping(path = "/import", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
    ResponseEntity<ImportReport> importCsv(HttpServletRequest request) throws IOException {
        ImportReport report = importer.importCsv(new InputStreamReader(request.getInputStream(), StandardCharsets.UTF_8));
        HttpStatus status = report.getErrors().isEmpty() ? HttpStatus.OK : HttpStatus.MULTI_STATUS;
        return ResponseEntity.status(status).body(report);
    }

    /** A page of accounts by id; the next page is named by the X-Next-Cursor / Link headers. */
    @GetMapping
    ResponseEntity<List<Account>> list(@RequestParam(defaultValue = "100") int limit,
                                       @RequestParam(required = false) String cursor, HttpServletRequest request) {
        int n = Pages.limit(limit);
        return Pages.of(listing.page(PageCursor.decode(cursor), n + 1), n, AccountListing::cursorOf, request);
    }

    @GetMapping("/{id}")
    ResponseEntity<Map<String, Object>> get(@PathVariable String id) {
        return service.find(id)
                .<ResponseEntity<Map<String, Object>>>map(a -> ResponseEntity.ok(Map.of("account", a, "contacts", service.contactsOf(id))))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no account " + id)));
    }
}
