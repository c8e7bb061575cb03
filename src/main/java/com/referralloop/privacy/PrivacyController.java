package com.referralloop.privacy;

import com.referralloop.security.ApiCaller;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Right of access and erasure for a contact, behind the API token like every /api endpoint. */
@RestController
@RequestMapping("/api/contacts")
class PrivacyController {

    private final PrivacyService privacy;

    PrivacyController(PrivacyService privacy) {
        this.privacy = privacy;
    }

    @GetMapping("/{email:.+}/export")
    ResponseEntity<Map<String, Object>> export(@PathVariable String email, HttpServletRequest request) {
        Map<String, Object> data = privacy.export(email, actor(request));
        return data.isEmpty() ? ResponseEntity.status(404).body(Map.of("error", "nothing is stored about this contact"))
                : ResponseEntity.ok(data);
    }

    @DeleteMapping("/{email:.+}")
    ResponseEntity<Map<String, Object>> erase(@PathVariable String email, HttpServletRequest request) {
        Map<String, Long> changed = privacy.erase(email, actor(request));
        return ResponseEntity.ok(Map.of("erased", true, "pseudonym", PrivacyService.pseudonym(email.trim().toLowerCase()),
                "changed", changed));
    }

    /** Who called, for the audit: the token's scope (never its value) or the local trial, and the peer address. */
    static String actor(HttpServletRequest request) {
        return ApiCaller.of(request).describe(request);
    }
}
