"""Criminal cases: register number, state and deadlines, victims and suspects, evidence,
and what each case is linked to."""
