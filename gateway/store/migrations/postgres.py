"""PostgreSQL schema, by version (see `gateway.store.migrations`).

The same tables as SQLite, with native types: times are `timestamptz`, tuples
are `text[]`, bytes are `bytea`.  Two differences:

* `audit_head` is a one-row table naming the last record of the chain.  Every
  append locks it (`SELECT ... FOR UPDATE`) in the same transaction as the
  records it adds, so gateways on several hosts append to ONE chain with ids
  assigned inside that transaction: gap-free, unlike a sequence, which skips
  the numbers of rolled-back transactions.
* `held_messages` keeps the held bytes in the database (SQLite keeps them in a
  spool directory), so any node can release any hold without a shared file
  system, and a hold's bytes commit atomically with its row and audit record.

Tables live in the connection's current schema (the first existing entry of the
search_path), so a DSN with `options=-csearch_path=grace` keeps them apart from
other applications in the same database.
"""

from __future__ import annotations

STEPS: dict[int, tuple[str, ...]] = {
    1: (
        "CREATE TABLE schema_version (version integer NOT NULL)",
        # The audit chain.  `body` is exactly the hashed bytes; the other columns
        # (except prev_hash/hash) are copies from it for searching.
        """CREATE TABLE audit (
            id bigint PRIMARY KEY,
            time timestamptz NOT NULL,
            kind text NOT NULL,
            message_id text NOT NULL DEFAULT '',
            sender text NOT NULL DEFAULT '',
            decision text NOT NULL DEFAULT '',
            hold_id text NOT NULL DEFAULT '',
            body bytea NOT NULL,
            prev_hash text NOT NULL,
            hash text NOT NULL
        )""",
        "CREATE INDEX audit_time ON audit (time)",
        "CREATE INDEX audit_kind ON audit (kind)",
        "CREATE INDEX audit_message_id ON audit (message_id)",
        "CREATE INDEX audit_sender ON audit (sender)",
        "CREATE INDEX audit_decision ON audit (decision)",
        "CREATE INDEX audit_hold_id ON audit (hold_id)",
        # The chain head: locked by every append, so appends from all nodes are
        # serialised in the database and each sees the previous one's hash.
        """CREATE TABLE audit_head (
            one boolean PRIMARY KEY DEFAULT true CHECK (one),
            last_id bigint NOT NULL,
            last_hash text NOT NULL
        )""",
        "INSERT INTO audit_head (one, last_id, last_hash) VALUES (true, 0, repeat('0', 64))",
        """CREATE TABLE holds (
            id text PRIMARY KEY,
            state text NOT NULL,
            created_at timestamptz NOT NULL,
            deadline timestamptz NOT NULL,
            message_id text NOT NULL,
            author text NOT NULL,
            mail_from text NOT NULL,
            rcpt_tos text[] NOT NULL,
            subject text NOT NULL,
            thread_ids text[] NOT NULL,
            rules text[] NOT NULL,
            mode text NOT NULL,
            size bigint NOT NULL,
            sha256 text NOT NULL,
            mail_options text[] NOT NULL,
            updated_at timestamptz,
            ended_at timestamptz,
            actor text NOT NULL,
            reason text NOT NULL,
            escalated_at timestamptz,
            next_hop text NOT NULL,
            purged_at timestamptz
        )""",
        "CREATE INDEX holds_state ON holds (state, deadline)",
        "CREATE INDEX holds_created ON holds (created_at, id)",
        # The held message bytes, deleted by purge_message (retention).
        """CREATE TABLE held_messages (
            hold_id text PRIMARY KEY REFERENCES holds (id),
            raw bytea NOT NULL
        )""",
        # Thread Message-IDs of each hold, for superseding by a corrected reply.
        """CREATE TABLE hold_threads (
            message_id text NOT NULL,
            hold_id text NOT NULL REFERENCES holds (id),
            PRIMARY KEY (message_id, hold_id)
        )""",
        """CREATE TABLE used_tokens (
            token_id text PRIMARY KEY,
            used_at timestamptz NOT NULL
        )""",
        """CREATE TABLE outbox (
            id text PRIMARY KEY,
            kind text NOT NULL,
            mail_from text NOT NULL,
            rcpt_tos text[] NOT NULL,
            raw bytea NOT NULL,
            created_at timestamptz NOT NULL,
            next_attempt_at timestamptz NOT NULL,
            hold_id text NOT NULL,
            attempts integer NOT NULL,
            state text NOT NULL,
            last_error text NOT NULL,
            lease_owner text NOT NULL,
            lease_until timestamptz
        )""",
        "CREATE INDEX outbox_due ON outbox (state, next_attempt_at)",
        # Written by ping(): proves the store accepts writes; shows live nodes.
        """CREATE TABLE heartbeat (
            node text PRIMARY KEY,
            at timestamptz NOT NULL
        )""",
    ),
    # Schema 2: the release lease and retention that reaches every closed hold.
    2: (
        # Which gateway process forwards a RELEASING hold, until when, and how far it
        # got (none | data | delivered): the store, which every node sees, decides who
        # forwards, so a release is forwarded once across hosts (Store.claim_forward).
        "ALTER TABLE holds ADD COLUMN forward_owner text NOT NULL DEFAULT ''",
        "ALTER TABLE holds ADD COLUMN forward_stage text NOT NULL DEFAULT 'none'"
        " CHECK (forward_stage IN ('none', 'data', 'delivered'))",
        "ALTER TABLE holds ADD COLUMN forward_reply text NOT NULL DEFAULT ''",
        "ALTER TABLE holds ADD COLUMN lease_until timestamptz",
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
