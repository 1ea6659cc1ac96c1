"""The Python-only door: `pulumi.dynamic` resources and providers, thin over `operations`."""
