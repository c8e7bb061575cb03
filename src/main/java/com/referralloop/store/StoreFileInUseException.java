package com.referralloop.store;

import java.nio.file.Path;

/** The embedded store's file is held by another running bot: H2 allows one process per file. */
public class StoreFileInUseException extends IllegalStateException {

    private final Path file;

    StoreFileInUseException(Path file, Throwable cause) {
        super("The embedded store file " + file + " is in use by another running Referral Loop (one process per file)",
                cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
