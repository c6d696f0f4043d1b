using System.Buffers;
using System.Buffers.Binary;
using AiPlatform.Sdk.Serving.Inference.Protocol;
using Google.Protobuf;

namespace AiPlatform.Sdk.Serving.Inference;

/// <summary>Converts the typed <see cref="InferTensorContents"/> of gRPC messages into the raw layout.</summary>
internal static class TensorContents
{
    public static ByteString ToRaw(string datatype, InferTensorContents contents)
    {
        var output = new ArrayBufferWriter<byte>();
        switch (datatype)
        {
            case "BOOL": foreach (var v in contents.BoolContents) { Put(output, 1, s => s[0] = v ? (byte)1 : (byte)0); } break;
            case "UINT8": foreach (var v in contents.UintContents) { Put(output, 1, s => s[0] = checked((byte)v)); } break;
            case "UINT16": foreach (var v in contents.UintContents) { Put(output, 2, s => BinaryPrimitives.WriteUInt16LittleEndian(s, checked((ushort)v))); } break;
            case "UINT32": foreach (var v in contents.UintContents) { Put(output, 4, s => BinaryPrimitives.WriteUInt32LittleEndian(s, v)); } break;
            case "UINT64": foreach (var v in contents.Uint64Contents) { Put(output, 8, s => BinaryPrimitives.WriteUInt64LittleEndian(s, v)); } break;
            case "INT8": foreach (var v in contents.IntContents) { Put(output, 1, s => s[0] = (byte)checked((sbyte)v)); } break;
            case "INT16": foreach (var v in contents.IntContents) { Put(output, 2, s => BinaryPrimitives.WriteInt16LittleEndian(s, checked((short)v))); } break;
            case "INT32": foreach (var v in contents.IntContents) { Put(output, 4, s => BinaryPrimitives.WriteInt32LittleEndian(s, v)); } break;
            case "INT64": foreach (var v in contents.Int64Contents) { Put(output, 8, s => BinaryPrimitives.WriteInt64LittleEndian(s, v)); } break;
            case "FP32": foreach (var v in contents.Fp32Contents) { Put(output, 4, s => BinaryPrimitives.WriteSingleLittleEndian(s, v)); } break;
            case "FP64": foreach (var v in contents.Fp64Contents) { Put(output, 8, s => BinaryPrimitives.WriteDoubleLittleEndian(s, v)); } break;
            case "BYTES":
                foreach (var v in contents.BytesContents)
                {
                    Put(output, 4, s => BinaryPrimitives.WriteInt32LittleEndian(s, v.Length));
                    output.Write(v.Span);
                }

                break;
            default:
                throw new FormatException($"Datatype '{datatype}' has no typed contents; send it as raw contents.");
        }

        return ByteString.CopyFrom(output.WrittenSpan);
    }

    private static void Put(ArrayBufferWriter<byte> output, int size, SpanAction write)
    {
        write(output.GetSpan(size)[..size]);
        output.Advance(size);
    }

    private delegate void SpanAction(Span<byte> span);
}
