// Replaced by the SQL facts layer and the rules.
