using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace AiPlatform.Sdk.Data.Documents;

/// <summary>Renders document filters and paths as PostgreSQL jsonb expressions; constants always travel as parameters.</summary>
internal static class PostgresDocumentSql
{
    public static string Path(IReadOnlyList<string> path) =>
        $"(body #> {Literal("{" + string.Join(',', path.Select(p => "\"" + p.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"")) + "}")})";

    public static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    public static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static string Where(DocumentFilter filter, List<NpgsqlParameter> parameters) => filter switch
    {
        AndFilter and => and.Filters.Count == 0 ? "true" : "(" + string.Join(" and ", and.Filters.Select(f => Where(f, parameters))) + ")",
        OrFilter or => or.Filters.Count == 0 ? "false" : "(" + string.Join(" or ", or.Filters.Select(f => Where(f, parameters))) + ")",
        FieldFilter field => Field(field, parameters),
        _ => throw new NotSupportedException($"Unknown filter {filter.GetType().Name}."),
    };

    private static string Field(FieldFilter field, List<NpgsqlParameter> parameters)
    {
        var path = Path(field.Path);
        if (field.Operator == FilterOperator.In)
        {
            return field.Values.Count == 0 ? "false" : $"{path} in ({string.Join(", ", field.Values.Select(v => Parameter(v, parameters)))})";
        }

        var value = Parameter(field.Values[0], parameters);
        return field.Operator switch
        {
            FilterOperator.Eq => $"{path} = {value}",
            FilterOperator.Ne => $"{path} is distinct from {value}",
            _ => $"(jsonb_typeof({path}) = jsonb_typeof({value}) and {path} {Comparison(field.Operator)} {value})",
        };
    }

    private static string Comparison(FilterOperator op) => op switch
    {
        FilterOperator.Gt => ">",
        FilterOperator.Gte => ">=",
        FilterOperator.Lt => "<",
        _ => "<=",
    };

    private static string Parameter(JsonElement value, List<NpgsqlParameter> parameters)
    {
        parameters.Add(new NpgsqlParameter { Value = value.GetRawText(), NpgsqlDbType = NpgsqlDbType.Jsonb });
        return $"${parameters.Count}";
    }
}
