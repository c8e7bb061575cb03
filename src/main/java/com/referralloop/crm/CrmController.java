package com.referralloop.crm;

import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Runs a CRM sync now, shows the last one, and creates the custom fields the bot writes. */
@RestController
@RequestMapping("/api/crm")
class CrmController {

    private static final String OFF = "no CRM is configured: set HUBSPOT_ACCESS_TOKEN, or SALESFORCE_LOGIN_URL, "
            + "SALESFORCE_CLIENT_ID and SALESFORCE_CLIENT_SECRET (or SALESFORCE_USERNAME and SALESFORCE_PRIVATE_KEY)";

    private final ObjectProvider<CrmSync> sync;
    private final ObjectProvider<CrmConnector> crm;
    private final ObjectProvider<CrmHealth> health;

    CrmController(ObjectProvider<CrmSync> sync, ObjectProvider<CrmConnector> crm, ObjectProvider<CrmHealth> health) {
        this.sync = sync;
        this.crm = crm;
        this.health = health;
    }

    @PostMapping("/sync")
    ResponseEntity<?> syncNow() {
        CrmSync s = sync.getIfAvailable();
        return s == null ? off() : ResponseEntity.ok(s.runOnce());
    }

    @GetMapping("/status")
    ResponseEntity<?> status() {
        CrmSync s = sync.getIfAvailable();
        return s == null ? off() : ResponseEntity.ok(s.status());
    }

    @PostMapping("/setup")
    ResponseEntity<?> setup() {
        CrmConnector c = crm.getIfAvailable();
        if (c == null) {
            return off();
        }
        try {
            List<String> created = c.createMissingFields();
            List<String> missing = new java.util.ArrayList<>(c.missingMappedFields());
            c.missingWrittenFields().stream().filter(f -> !missing.contains(f)).forEach(missing::add);
            health.ifAvailable(CrmHealth::reachable);
            // the status shows what is still missing from now on, not what the start-up check saw
            sync.ifAvailable(s -> s.rememberMissingFields(missing));
            if (!missing.isEmpty()) {
                // the adapter cannot create them (Salesforce: a metadata deployment): say what to do instead
                return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("crm", c.name(), "created", created,
                        "missing", missing, "error", c.fieldSetupHint()));
            }
            return ResponseEntity.ok(Map.of("crm", c.name(), "created", created));
        } catch (CrmException e) {
            if (e.kind() == CrmException.Kind.UNAUTHORIZED) {
                health.ifAvailable(h -> h.refused(e.getMessage()));
            }
            HttpStatus status = e.kind() == CrmException.Kind.REJECTED ? HttpStatus.BAD_GATEWAY : HttpStatus.SERVICE_UNAVAILABLE;
            return ResponseEntity.status(status).body(Map.of("error", e.getMessage()));
        }
    }

    private static ResponseEntity<Map<String, String>> off() {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", OFF));
    }
}
