"""Outgoing mail: letters leave by SMTP over TLS and are kept byte for byte in the case thread."""
