"""Data the coder reads (actor dictionaries, the CAMEO/PLOVER ontology, trigger patterns, gazetteer,
lexicons), each with a loader that validates it and names the file and line of any error."""
