"""The privacy office's records and workflows: inventory, designations, agreements,
disclosures and their accounting, incidents, retention, public input and the audit trail.

Workflow rules live here, not in the web routes or the CLI.
"""
