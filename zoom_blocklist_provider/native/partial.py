"""A create or update that failed part way, as the engine is told of it: the error, with the resource's id and
outputs as far as it got (the protocol's ErrorResourceInitFailed), which the engine records in the state beside the
error. Apart from `resources.py` so that `main.py` can answer without loading the provider's models."""

from __future__ import annotations

import grpc
from google.protobuf import any_pb2
from pulumi.provider.experimental.property_value import PropertyValue
from pulumi.runtime.proto import provider_pb2 as proto
from pulumi.runtime.proto import status_pb2


class PartialState(Exception):
    """`error`, after which the resource holds `outputs` under `resource_id`."""

    def __init__(self, error: Exception, resource_id: str, outputs: dict[str, PropertyValue]) -> None:
        super().__init__(str(error))
        self.error = error
        self.resource_id = resource_id
        self.outputs = outputs

    def trailer(self, shown: str) -> tuple[tuple[str, bytes], ...]:
        """The trailing metadata that carries the state beside the error's one line, `shown`."""
        outputs = PropertyValue.marshal_map(self.outputs)
        detail = proto.ErrorResourceInitFailed(id=self.resource_id, properties=outputs, reasons=[shown])
        packed = any_pb2.Any()
        packed.Pack(detail)
        status = status_pb2.Status(code=grpc.StatusCode.UNKNOWN.value[0], message=shown, details=[packed])
        return (("grpc-status-details-bin", status.SerializeToString()),)
