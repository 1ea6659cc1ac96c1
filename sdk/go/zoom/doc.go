// The numbers and prefixes a Zoom Phone account blocks, as Pulumi resources.
package zoom
