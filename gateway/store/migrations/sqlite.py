"""SQLite schema, by version (see `gateway.store.migrations`).

Times are stored as `chain.iso()` text (UTC, fixed width), so they compare and
sort correctly as text.  Tuples (recipients, thread ids, rules) are JSON text.
"""

from __future__ import annotations

STEPS: dict[int, tuple[str, ...]] = {
    1: (
        "CREATE TABLE schema_version (version INTEGER NOT NULL)",
        # The audit chain.  `body` is exactly the hashed bytes; the other columns
        # (except prev_hash/hash) are copies from it for searching.
        """CREATE TABLE audit (
            id INTEGER PRIMARY KEY,
            time TEXT NOT NULL,
            kind TEXT NOT NULL,
            message_id TEXT NOT NULL DEFAULT '',
            sender TEXT NOT NULL DEFAULT '',
            decision TEXT NOT NULL DEFAULT '',
            hold_id TEXT NOT NULL DEFAULT '',
            body BLOB NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        )""",
        "CREATE INDEX audit_time ON audit (time)",
        "CREATE INDEX audit_kind ON audit (kind)",
        "CREATE INDEX audit_message_id ON audit (message_id)",
        "CREATE INDEX audit_sender ON audit (sender)",
        "CREATE INDEX audit_decision ON audit (decision)",
        "CREATE INDEX audit_hold_id ON audit (hold_id)",
        """CREATE TABLE holds (
            id TEXT PRIMARY KEY,
            state TEXT NOT NULL,
            created_at TEXT NOT NULL,
            deadline TEXT NOT NULL,
            message_id TEXT NOT NULL,
            author TEXT NOT NULL,
            mail_from TEXT NOT NULL,
            rcpt_tos TEXT NOT NULL,
            subject TEXT NOT NULL,
            thread_ids TEXT NOT NULL,
            rules TEXT NOT NULL,
            mode TEXT NOT NULL,
            size INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            mail_options TEXT NOT NULL,
            updated_at TEXT,
            ended_at TEXT,
            actor TEXT NOT NULL,
            reason TEXT NOT NULL,
            escalated_at TEXT,
            next_hop TEXT NOT NULL,
            purged_at TEXT
        )""",
        "CREATE INDEX holds_state ON holds (state, deadline)",
        # Thread Message-IDs of each hold, for superseding by a corrected reply.
        """CREATE TABLE hold_threads (
            message_id TEXT NOT NULL,
            hold_id TEXT NOT NULL REFERENCES holds (id),
            PRIMARY KEY (message_id, hold_id)
        ) WITHOUT ROWID""",
        """CREATE TABLE used_tokens (
            token_id TEXT PRIMARY KEY,
            used_at TEXT NOT NULL
        ) WITHOUT ROWID""",
        """CREATE TABLE outbox (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            mail_from TEXT NOT NULL,
            rcpt_tos TEXT NOT NULL,
            raw BLOB NOT NULL,
            created_at TEXT NOT NULL,
            next_attempt_at TEXT NOT NULL,
            hold_id TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            state TEXT NOT NULL,
            last_error TEXT NOT NULL,
            lease_owner TEXT NOT NULL,
            lease_until TEXT
        )""",
        "CREATE INDEX outbox_due ON outbox (state, next_attempt_at)",
        # Written by ping(): proves the store accepts writes; shows live nodes.
        """CREATE TABLE heartbeat (
            node TEXT PRIMARY KEY,
            at TEXT NOT NULL
        ) WITHOUT ROWID""",
    ),
    # Schema 2: the release lease and retention that reaches every closed hold.
    2: (
        # Which gateway process forwards a RELEASING hold, until when, and how far it
        # got (none | data | delivered): the store, which every node sees, decides who
        # forwards, so a release is forwarded once across hosts (Store.claim_forward).
        "ALTER TABLE holds ADD COLUMN forward_owner TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE holds ADD COLUMN forward_stage TEXT NOT NULL DEFAULT 'none'"
        " CHECK (forward_stage IN ('none', 'data', 'delivered'))",
        "ALTER TABLE holds ADD COLUMN forward_reply TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE holds ADD COLUMN lease_until TEXT",
        # Retention counts from ended_at: give closed holds that lack it (none should)
        # their last change, so no held body escapes retention.
        "UPDATE holds SET ended_at = coalesce(updated_at, created_at) WHERE ended_at IS NULL"
        " AND state IN ('released', 'discarded', 'superseded', 'expired')",
        # Closed holds whose body is still kept, oldest end first (Store.purgeable_holds):
        # purged holds leave the index, so each retention pass reads only what is due.
        "CREATE INDEX holds_purgeable ON holds (ended_at, id)"
        " WHERE purged_at IS NULL AND ended_at IS NOT NULL",
    ),
}
