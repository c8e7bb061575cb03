package com.referralloop.security;

import jakarta.servlet.http.HttpServletRequest;

/** The endpoints that hand out or destroy personal data: a contact's export and erase, and the CSV exports. */
public final class PersonalData {

    private PersonalData() {
    }

    public static boolean is(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.endsWith(".csv")) {
            return true;
        }
        if (!path.startsWith("/api/contacts/")) {
            return false;
        }
        return "DELETE".equals(request.getMethod()) || path.endsWith("/export");
    }
}
