"""The rules of an entry, with no Pulumi and no call to Zoom: spec, numbers, safety, errors, settings, files, sets."""
