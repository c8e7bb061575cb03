package com.referralloop.store;

/**
 * Makes writes durable with as few commits as possible: a caller whose write is done in memory waits
 * until a commit that <em>started after</em> its write has finished. Whoever finds no commit running
 * becomes the leader and commits for all writes done so far; the others wait for that commit, or for
 * the next one if theirs came too late for it.
 */
final class GroupCommit {

    private final Runnable commit;
    /** Writes finished in memory (tickets handed out) and the highest ticket a finished commit covers. */
    private long written;
    private long durable;
    private boolean committing;
    private long commits;

    GroupCommit(Runnable commit) {
        this.commit = commit;
    }

    /** Call after a write is applied in memory; returns once a commit covering it has finished. */
    void awaitDurable() {
        long ticket;
        synchronized (this) {
            ticket = ++written;
        }
        while (true) {
            long upTo;
            synchronized (this) {
                while (committing && durable < ticket) {
                    waitForCommit();
                }
                if (durable >= ticket) {
                    return;
                }
                committing = true;
                upTo = written;
            }
            boolean done = false;
            try {
                commit.run();
                done = true;
            } finally {
                synchronized (this) {
                    committing = false;
                    if (done) {
                        durable = Math.max(durable, upTo);
                        commits++;
                    }
                    notifyAll();
                }
            }
        }
    }

    synchronized long commits() {
        return commits;
    }

    private void waitForCommit() {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the store to commit", e);
        }
    }
}
