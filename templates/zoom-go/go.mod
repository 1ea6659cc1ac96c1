module ${PROJECT}

go 1.26.6

require (
	github.com/pulumi/pulumi/sdk/v3 v3.274.1
	github.com/zoom-blocklist-provider/zoom-blocklist-provider/sdk v0.1.0
)
