using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json.Serialization.Metadata;

namespace AiPlatform.Sdk.Data.Documents;

/// <summary>Turns a property selector into the JSON property names its contract serializes it under.</summary>
internal static class DocumentPaths
{
    public static IReadOnlyList<string> Of<T, TValue>(JsonTypeInfo<T> typeInfo, Expression<Func<T, TValue>> property)
    {
        ArgumentNullException.ThrowIfNull(property);
        var members = new Stack<MemberInfo>();
        var body = property.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : property.Body;
        while (body is MemberExpression member)
        {
            members.Push(member.Member);
            body = member.Expression!;
        }

        if (body is not ParameterExpression || members.Count == 0)
        {
            throw new ArgumentException($"'{property}' must select a property of {typeof(T).Name}, such as x => x.Name or x => x.Author.Name.", nameof(property));
        }

        var path = new List<string>();
        JsonTypeInfo current = typeInfo;
        foreach (var member in members)
        {
            var json = current.Properties.FirstOrDefault(p => p.AttributeProvider is MemberInfo m && m.Name == member.Name)
                ?? throw new ArgumentException($"{current.Type.Name}.{member.Name} is not serialized, so it cannot be queried.", nameof(property));
            path.Add(json.Name);
            current = current.Options.GetTypeInfo(json.PropertyType);
        }

        return path;
    }
}
