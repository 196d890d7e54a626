"""The review note and the ways out of a hold, all by mail.

* `compose`   builds the review note (and the reviewer escalation note) as MIME.
* `tokens`    issues and verifies the HMAC-signed release/report tokens.
* `control`   consumes mail to the release/report addresses and acts on it.
* `lifecycle` the hold timeout guard, crash recovery and retention.
"""
