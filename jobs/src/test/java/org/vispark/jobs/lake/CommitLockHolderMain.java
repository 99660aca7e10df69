package org.vispark.jobs.lake;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Holds {@link LocalFileLockManager}'s lock on a metadata file in a JVM of its own, for
 * {@link LocalFileLockManagerTest}: prints "held", releases when a line arrives on stdin, prints "released". Args: ENTITY.
 */
public final class CommitLockHolderMain {
    private CommitLockHolderMain() {}

    public static void main(String[] args) throws Exception {
        LocalFileLockManager locks = new LocalFileLockManager();
        locks.initialize(Map.of());
        if (!locks.acquire(args[0], "holder")) {
            System.out.println("not held");
            System.exit(1);
        }
        System.out.println("held");
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        System.out.println(locks.release(args[0], "holder") ? "released" : "not released");
    }
}
