"""The `zoom` provider plugin (`pulumi-resource-zoom`): its schema and its Provider, thin over `operations`."""
