"""Output formats: small pure functions picked by name. Library code never prints."""
