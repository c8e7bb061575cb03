package com.referralloop.reference;

import java.time.Instant;

/** A reference project was recorded or changed; {@code at} is when, so each change is a fact of its own. */
public record ReferenceProjectSaved(ReferenceProject project, Instant at) {
}
