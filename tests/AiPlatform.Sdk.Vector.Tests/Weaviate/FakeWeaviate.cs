using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using AiPlatform.Sdk.Testing;
using AiPlatform.Sdk.Vector.Weaviate.Protocol;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using ProtoValue = AiPlatform.Sdk.Vector.Weaviate.Protocol.Value;

namespace AiPlatform.Sdk.Vector.Tests.Weaviate;

/// <summary>
/// An in-process Weaviate for contract tests: the REST schema and object endpoints on one Kestrel server, reading and writing raw
/// JSON in the shapes of Weaviate's REST API documentation (not the SDK's DTOs), and the gRPC <c>weaviate.v1.Weaviate/Search</c>
/// and <c>BatchObjects</c> methods (from the SDK's proto, whose field numbers are those of Weaviate's <c>grpc/proto/v1</c>, framed
/// by hand) on an HTTP/2 one. It keeps objects in memory, evaluates filters and distances as Weaviate defines them, fuses hybrid
/// results with Weaviate's documented <c>relativeScoreFusion</c> and <c>rankedFusion</c> over a BM25 keyword leg, and records
/// every gRPC request it parsed.
/// </summary>
public sealed class FakeWeaviate : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, FakeClass> _classes = new(StringComparer.Ordinal);

    public KestrelTestServer Rest { get; private set; } = null!;

    public KestrelTestServer Grpc { get; private set; } = null!;

    internal ConcurrentQueue<SearchRequest> Searches { get; } = new();

    internal ConcurrentQueue<BatchObjectsRequest> Batches { get; } = new();

    /// <summary>Returns an error message for objects Weaviate should reject.</summary>
    internal Func<BatchObject, string?> Reject { get; set; } = _ => null;

    /// <summary>When set, every REST call answers this status with a Weaviate error body.</summary>
    public int? FailRestWith { get; set; }

    public async Task InitializeAsync()
    {
        Rest = await KestrelTestServer.StartAsync(MapRest);
        Grpc = await KestrelTestServer.StartAsync(app =>
        {
            app.MapPost("/weaviate.v1.Weaviate/Search", context => Unary(context, SearchRequest.Parser, Search));
            app.MapPost("/weaviate.v1.Weaviate/BatchObjects", context => Unary(context, BatchObjectsRequest.Parser, Batch));
        }, protocols: HttpProtocols.Http2);
    }

    public async Task DisposeAsync()
    {
        await Rest.DisposeAsync();
        await Grpc.DisposeAsync();
    }

    private void MapRest(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (FailRestWith is { } status)
            {
                context.Response.StatusCode = status;
                await context.Response.WriteAsync("""{"error":[{"message":"weaviate is unhappy"}]}""");
                return;
            }

            await next(context);
        });
        app.MapGet("/v1/.well-known/ready", () => Results.Ok());
        app.MapGet("/v1/schema", () => Results.Text(
            new JsonObject { ["classes"] = new JsonArray(_classes.Values.Select(c => (JsonNode)JsonNode.Parse(c.Json)!).ToArray()) }.ToJsonString(),
            "application/json"));
        app.MapGet("/v1/schema/{name}", (string name) =>
            _classes.TryGetValue(name, out var c) ? Results.Text(c.Json, "application/json") : Results.NotFound());
        app.MapPost("/v1/schema", async (HttpRequest request) =>
        {
            var json = await new StreamReader(request.Body).ReadToEndAsync();
            var definition = new FakeClass(JsonNode.Parse(json)!.AsObject(), json);
            return _classes.TryAdd(definition.Name, definition)
                ? Results.Text(json, "application/json")
                : Results.Text($$"""{"error":[{"message":"class name {{definition.Name}} already exists"}]}""", "application/json", statusCode: 422);
        });
        app.MapDelete("/v1/schema/{name}", (string name) =>
        {
            _classes.TryRemove(name, out _);
            return Results.Ok();
        });
        app.MapPost("/v1/schema/{name}/tenants", async (string name, HttpRequest request) =>
        {
            var tenants = JsonNode.Parse(await new StreamReader(request.Body).ReadToEndAsync())!.AsArray();
            foreach (var tenant in tenants)
            {
                _classes[name].Tenants.Add(tenant!["name"]!.GetValue<string>());
            }

            return Results.Text(tenants.ToJsonString(), "application/json");
        });
        app.MapGet("/v1/objects/{name}/{id:guid}", (string name, Guid id, string? include, string? tenant) =>
        {
            if (!_classes.TryGetValue(name, out var c) || !c.Objects.TryGetValue(id, out var o) || (o.Tenant ?? "") != (tenant ?? ""))
            {
                return Results.NotFound();
            }

            var body = new JsonObject
            {
                ["class"] = name,
                ["id"] = id.ToString(),
                ["properties"] = new JsonObject(o.Properties.Select(p => KeyValuePair.Create(p.Key, Json(p.Value)))),
            };
            if (include == "vector")
            {
                body["vectors"] = new JsonObject(o.Vectors.Select(v => KeyValuePair.Create(v.Key, (JsonNode?)new JsonArray(v.Value.Select(f => (JsonNode)f).ToArray()))));
            }

            return Results.Text(body.ToJsonString(), "application/json");
        });
        app.MapDelete("/v1/objects/{name}/{id:guid}", (string name, Guid id) =>
            _classes.TryGetValue(name, out var c) && c.Objects.TryRemove(id, out _) ? Results.NoContent() : Results.NotFound());
    }

    private SearchReply Search(SearchRequest request)
    {
        Searches.Enqueue(request);
        var reply = new SearchReply();
        if (!_classes.TryGetValue(request.Collection, out var c))
        {
            throw new RpcFailure(StatusCode.NotFound, $"class {request.Collection} not found");
        }

        var candidates = c.Objects.Values.Where(o => (o.Tenant ?? "") == request.Tenant && (request.Filters is null || Matches(request.Filters, o)));
        IEnumerable<(FakeObject Object, float Distance, float Score)> scored = candidates.Select(o => (o, 0f, 0f));
        if (request.NearVector is { } near)
        {
            var target = near.Targets.TargetVectors[0];
            var query = Unpack(near.Vectors[0].VectorBytes);
            scored = scored.Select(s => (s.Object, Distance(c, target, query, s.Object.Vectors[target]), 0f)).OrderBy(s => s.Item2);
        }
        else if (request.HybridSearch is { } hybrid)
        {
            scored = Fuse(c, hybrid, scored.Select(s => s.Object).ToList()).Select(f => (f.Object, 0f, f.Score));
        }
        else if (request.SortBy.Count > 0)
        {
            var path = request.SortBy[0].Path[0];
            scored = request.SortBy[0].Ascending
                ? scored.OrderBy(s => s.Object.Properties.GetValueOrDefault(path), Comparer<object?>.Default)
                : scored.OrderByDescending(s => s.Object.Properties.GetValueOrDefault(path), Comparer<object?>.Default);
        }

        foreach (var (o, distance, score) in scored.Skip((int)request.Offset).Take(request.Limit == 0 ? int.MaxValue : (int)request.Limit))
        {
            var properties = new Properties();
            foreach (var (name, value) in o.Properties)
            {
                properties.Fields[name] = Proto(value);
            }

            var metadata = new MetadataResult { Id = o.Id.ToString(), Distance = distance, DistancePresent = request.Metadata.Distance, Score = score, ScorePresent = request.Metadata.Score };
            foreach (var name in request.Metadata.Vectors)
            {
                metadata.Vectors.Add(new Vectors { Name = name, VectorBytes = ByteString.CopyFrom(MemoryMarshal.AsBytes(o.Vectors[name].AsSpan())), Type = Vectors.Types.VectorType.SingleFp32 });
            }

            reply.Results.Add(new SearchResult { Properties = new PropertiesResult { NonRefProps = properties }, Metadata = metadata });
        }

        return reply;
    }

    /// <summary>
    /// Weaviate's hybrid search: a BM25 keyword leg over the named properties (only objects that contain a keyword) and a vector leg
    /// (every candidate, scored 1 - distance), fused as Weaviate documents it. <c>relativeScoreFusion</c>: each leg's scores are
    /// min-max normalised to [0, 1] (all equal: 1), weighted by 1 - alpha (keywords) and alpha (vector) and summed.
    /// <c>rankedFusion</c>: each leg adds weight / (60 + rank), rank counted from 0.
    /// </summary>
    private static List<(FakeObject Object, float Score)> Fuse(FakeClass c, Hybrid hybrid, IReadOnlyList<FakeObject> candidates)
    {
        var target = hybrid.Targets.TargetVectors[0];
        var query = Unpack(hybrid.Vectors[0].VectorBytes);
        var keyword = Bm25(candidates, hybrid.Properties, hybrid.Query);
        var vector = candidates.Select(o => (Object: o, Score: 1 - (double)Distance(c, target, query, o.Vectors[target])))
            .OrderByDescending(s => s.Score).ToList();
        var legs = new[] { (Results: keyword, Weight: 1 - (double)hybrid.Alpha), (Results: vector, Weight: (double)hybrid.Alpha) };
        var fused = new Dictionary<FakeObject, double>();
        foreach (var (results, weight) in legs)
        {
            var (min, max) = results.Count == 0 ? (0, 0) : (results.Min(r => r.Score), results.Max(r => r.Score));
            for (var rank = 0; rank < results.Count; rank++)
            {
                var score = hybrid.FusionType switch
                {
                    Hybrid.Types.FusionType.RelativeScore => max == min ? weight : weight * (results[rank].Score - min) / (max - min),
                    Hybrid.Types.FusionType.Ranked => weight / (60 + rank),
                    var other => throw new RpcFailure(StatusCode.InvalidArgument, $"fusion type {other} is not supported by the fake"),
                };
                fused[results[rank].Object] = fused.GetValueOrDefault(results[rank].Object) + score;
            }
        }

        return fused.OrderByDescending(f => f.Value).Select(f => (f.Key, (float)f.Value)).ToList();
    }

    /// <summary>Okapi BM25 with Weaviate's defaults (k1 = 1.2, b = 0.75), over lower-cased words of the named properties.</summary>
    private static List<(FakeObject Object, double Score)> Bm25(IReadOnlyList<FakeObject> objects, IEnumerable<string> properties, string query)
    {
        const double k1 = 1.2, b = 0.75;
        var documents = objects.Select(o => (Object: o, Words: Words(string.Join(' ', properties.Select(p => o.Properties.GetValueOrDefault(p) as string ?? ""))))).ToList();
        var averageLength = documents.Count == 0 ? 1 : Math.Max(1, documents.Average(d => d.Words.Length));
        var terms = Words(query).Distinct().ToList();
        return documents
            .Select(d => (d.Object, Score: terms.Sum(term =>
            {
                var frequency = d.Words.Count(w => w == term);
                var containing = documents.Count(other => other.Words.Contains(term));
                var idf = Math.Log(1 + ((documents.Count - containing + 0.5) / (containing + 0.5)));
                return frequency == 0 ? 0 : idf * frequency * (k1 + 1) / (frequency + (k1 * (1 - b + (b * d.Words.Length / averageLength))));
            })))
            .Where(d => d.Score > 0)
            .OrderByDescending(d => d.Score)
            .ToList();
    }

    private static string[] Words(string text) =>
        text.ToLowerInvariant().Split(text.Where(ch => !char.IsLetterOrDigit(ch)).Distinct().ToArray(), StringSplitOptions.RemoveEmptyEntries);

    private BatchObjectsReply Batch(BatchObjectsRequest request)
    {
        Batches.Enqueue(request);
        var reply = new BatchObjectsReply();
        for (var i = 0; i < request.Objects.Count; i++)
        {
            var item = request.Objects[i];
            var error = !_classes.TryGetValue(item.Collection, out var c) ? $"class {item.Collection} not found" : Reject(item);
            if (error is not null)
            {
                reply.Errors.Add(new BatchObjectsReply.Types.BatchError { Index = i, Error = error });
                continue;
            }

            var o = new FakeObject(Guid.Parse(item.Uuid), string.IsNullOrEmpty(item.Tenant) ? null : item.Tenant);
            foreach (var (name, value) in item.Properties.NonRefProperties.Fields)
            {
                o.Properties[name] = value.KindCase switch
                {
                    Google.Protobuf.WellKnownTypes.Value.KindOneofCase.NumberValue when c!.DataType(name) == "int" => (long)value.NumberValue,
                    Google.Protobuf.WellKnownTypes.Value.KindOneofCase.NumberValue => value.NumberValue,
                    Google.Protobuf.WellKnownTypes.Value.KindOneofCase.StringValue => value.StringValue,
                    Google.Protobuf.WellKnownTypes.Value.KindOneofCase.BoolValue => value.BoolValue,
                    _ => null,
                };
            }

            item.Properties.TextArrayProperties.ToList().ForEach(p => o.Properties[p.PropName] = p.Values.ToArray());
            item.Properties.IntArrayProperties.ToList().ForEach(p => o.Properties[p.PropName] = p.Values.ToArray());
            item.Properties.NumberArrayProperties.ToList().ForEach(p => o.Properties[p.PropName] = p.Values.ToArray());
            item.Properties.EmptyListProps.ToList().ForEach(p => o.Properties[p] = Array.Empty<string>());
            foreach (var vector in item.Vectors)
            {
                o.Vectors[vector.Name] = Unpack(vector.VectorBytes);
            }

            c!.Objects[o.Id] = o;
        }

        return reply;
    }

    private static bool Matches(Filters filter, FakeObject o)
    {
        var value = filter.Target?.Property is { } property ? o.Properties.GetValueOrDefault(property) : null;
        return filter.Operator switch
        {
            Filters.Types.Operator.And => filter.Filters_.All(f => Matches(f, o)),
            Filters.Types.Operator.Or => filter.Filters_.Any(f => Matches(f, o)),
            Filters.Types.Operator.Not => !Matches(filter.Filters_[0], o),
            Filters.Types.Operator.IsNull => (value is null) == filter.ValueBoolean,
            Filters.Types.Operator.ContainsAny => Items(value).Any(v => Operand(filter, isArray: true).Any(x => Compare(v, x) == 0)),
            Filters.Types.Operator.Equal => Compare(value, Operand(filter, false)[0]) == 0,
            Filters.Types.Operator.NotEqual => Compare(value, Operand(filter, false)[0]) != 0,
            Filters.Types.Operator.GreaterThan => Compare(value, Operand(filter, false)[0]) > 0,
            Filters.Types.Operator.GreaterThanEqual => Compare(value, Operand(filter, false)[0]) >= 0,
            Filters.Types.Operator.LessThan => Compare(value, Operand(filter, false)[0]) < 0,
            Filters.Types.Operator.LessThanEqual => Compare(value, Operand(filter, false)[0]) <= 0,
            _ => throw new RpcFailure(StatusCode.InvalidArgument, $"operator {filter.Operator} is not supported by the fake"),
        };
    }

    private static object?[] Operand(Filters filter, bool isArray) => filter.TestValueCase switch
    {
        Filters.TestValueOneofCase.ValueText => [filter.ValueText],
        Filters.TestValueOneofCase.ValueInt => [filter.ValueInt],
        Filters.TestValueOneofCase.ValueNumber => [filter.ValueNumber],
        Filters.TestValueOneofCase.ValueBoolean => [filter.ValueBoolean],
        Filters.TestValueOneofCase.ValueTextArray => [.. filter.ValueTextArray.Values],
        Filters.TestValueOneofCase.ValueIntArray => [.. filter.ValueIntArray.Values.Cast<object>()],
        Filters.TestValueOneofCase.ValueNumberArray => [.. filter.ValueNumberArray.Values.Cast<object>()],
        _ => throw new RpcFailure(StatusCode.InvalidArgument, $"filter value missing (array expected: {isArray})"),
    };

    private static IEnumerable<object?> Items(object? value) => value is Array array ? array.Cast<object?>() : [value];

    private static int Compare(object? left, object? right) => (left, right) switch
    {
        (null, null) => 0,
        (null, _) or (_, null) => int.MinValue,
        (long a, long b) => a.CompareTo(b),
        (IConvertible a, IConvertible b) when a is not string && b is not string => Convert.ToDouble(a).CompareTo(Convert.ToDouble(b)),
        _ => string.CompareOrdinal(left.ToString(), right.ToString()),
    };

    private static float Distance(FakeClass c, string target, float[] x, float[] y)
    {
        double dot = 0, xx = 0, yy = 0, l2 = 0;
        for (var i = 0; i < x.Length; i++)
        {
            dot += x[i] * y[i];
            xx += x[i] * x[i];
            yy += y[i] * y[i];
            l2 += (x[i] - y[i]) * (x[i] - y[i]);
        }

        return c.Distance(target) switch
        {
            "cosine" => (float)(1 - (dot / Math.Sqrt(xx * yy))),
            "dot" => (float)-dot,
            "l2-squared" => (float)l2,
            var other => throw new RpcFailure(StatusCode.InvalidArgument, $"distance {other} is not supported by the fake"),
        };
    }

    private static float[] Unpack(ByteString bytes) => MemoryMarshal.Cast<byte, float>(bytes.Span).ToArray();

    private static ProtoValue Proto(object? value) => value switch
    {
        null => new ProtoValue { NullValue = Google.Protobuf.WellKnownTypes.NullValue.NullValue },
        string text => new ProtoValue { TextValue = text },
        long number => new ProtoValue { IntValue = number },
        double number => new ProtoValue { NumberValue = number },
        bool flag => new ProtoValue { BoolValue = flag },
        string[] texts => new ProtoValue { ListValue = new ListValue { TextValues = new TextValues { Values = { texts } } } },
        long[] numbers => new ProtoValue { ListValue = new ListValue { IntValues = new IntValues { Values = Bytes(numbers, (span, n) => BinaryPrimitives.WriteInt64LittleEndian(span, n)) } } },
        double[] numbers => new ProtoValue { ListValue = new ListValue { NumberValues = new NumberValues { Values = Bytes(numbers, (span, n) => BinaryPrimitives.WriteDoubleLittleEndian(span, n)) } } },
        _ => throw new NotSupportedException(value.GetType().Name),
    };

    private static ByteString Bytes<T>(T[] values, SpanWriter<T> write)
    {
        var bytes = new byte[values.Length * 8];
        for (var i = 0; i < values.Length; i++)
        {
            write(bytes.AsSpan(i * 8), values[i]);
        }

        return ByteString.CopyFrom(bytes);
    }

    private delegate void SpanWriter<in T>(Span<byte> destination, T value);

    private static JsonNode? Json(object? value) => value switch
    {
        null => null,
        string[] texts => new JsonArray(texts.Select(t => (JsonNode)t).ToArray()),
        long[] numbers => new JsonArray(numbers.Select(n => (JsonNode)n).ToArray()),
        double[] numbers => new JsonArray(numbers.Select(n => (JsonNode)n).ToArray()),
        string text => text,
        long number => number,
        double number => number,
        bool flag => flag,
        _ => throw new NotSupportedException(value.GetType().Name),
    };

    private static async Task Unary<TRequest, TReply>(HttpContext context, MessageParser<TRequest> parser, Func<TRequest, TReply> handle)
        where TRequest : IMessage<TRequest>
        where TReply : IMessage<TReply>
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var frame = buffer.ToArray();
        var request = parser.ParseFrom(frame.AsSpan(5, BinaryPrimitives.ReadInt32BigEndian(frame.AsSpan(1))));
        context.Response.ContentType = "application/grpc";
        try
        {
            var payload = handle(request).ToByteArray();
            var header = new byte[5];
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(1), payload.Length);
            await context.Response.Body.WriteAsync(header);
            await context.Response.Body.WriteAsync(payload);
            context.Response.AppendTrailer("grpc-status", "0");
        }
        catch (RpcFailure failure)
        {
            context.Response.AppendTrailer("grpc-status", ((int)failure.Status).ToString(System.Globalization.CultureInfo.InvariantCulture));
            context.Response.AppendTrailer("grpc-message", failure.Message);
        }
    }

    private enum StatusCode
    {
        InvalidArgument = 3,
        NotFound = 5,
    }

    private sealed class RpcFailure(StatusCode status, string message) : Exception(message)
    {
        public StatusCode Status { get; } = status;
    }

    /// <summary>A class as posted to <c>/v1/schema</c>, read from the JSON Weaviate's REST API documents.</summary>
    private sealed class FakeClass(JsonObject definition, string json)
    {
        public string Name { get; } = definition["class"]!.GetValue<string>();

        public string Json { get; } = json;

        public ConcurrentDictionary<Guid, FakeObject> Objects { get; } = new();

        public ConcurrentBag<string> Tenants { get; } = [];

        public string? DataType(string property) =>
            definition["properties"]?.AsArray().FirstOrDefault(p => p!["name"]!.GetValue<string>() == property)?["dataType"]![0]!.GetValue<string>();

        public string Distance(string vector) =>
            definition["vectorConfig"]?[vector]?["vectorIndexConfig"]?["distance"]?.GetValue<string>() ?? "cosine";
    }

    private sealed class FakeObject(Guid id, string? tenant)
    {
        public Guid Id { get; } = id;

        public string? Tenant { get; } = tenant;

        public Dictionary<string, object?> Properties { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, float[]> Vectors { get; } = new(StringComparer.Ordinal);
    }
}
