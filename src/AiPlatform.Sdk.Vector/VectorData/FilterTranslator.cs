using System.Collections;
using System.Linq.Expressions;
using Microsoft.Extensions.VectorData.ProviderServices;
using Microsoft.Extensions.VectorData.ProviderServices.Filter;

namespace AiPlatform.Sdk.Vector.VectorData;

/// <summary>
/// Translates a LINQ filter (<c>r =&gt; r.Category == "a" &amp;&amp; r.Year &gt;= 2020 &amp;&amp; r.Tags.Contains("x")</c>) into a
/// <see cref="FilterNode"/>. Supported: <c>==</c>, <c>!=</c>, <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c> between a scalar
/// property and a constant, a boolean property on its own, <c>&amp;&amp;</c>, <c>||</c>, <c>!</c>, <c>Contains</c> on a tag-list
/// property and on a constant list, and conditions that do not read the record (<c>r =&gt; true</c>, captured flags), which fold to
/// a <see cref="ConstantNode"/>. Anything else, comparisons of a whole list property included, fails with a
/// <see cref="NotSupportedException"/> that names the expression.
/// </summary>
internal sealed class FilterTranslator : FilterTranslatorBase
{
    /// <summary>Translates <paramref name="filter"/> for the collection described by <paramref name="model"/>.</summary>
    /// <exception cref="NotSupportedException">A part of the filter has no translation; the message names it.</exception>
    public static FilterNode Translate(LambdaExpression filter, CollectionModel model)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var translator = new FilterTranslator();
        var body = translator.PreprocessFilter(filter, model, new FilterPreprocessingOptions { SupportsParameterization = false });
        return translator.Visit(body);
    }

    private FilterNode Visit(Expression node) => node switch
    {
        _ when node.Type == typeof(bool) && !References(node, RecordParameter) => new ConstantNode(Evaluate<bool>(node)),
        BinaryExpression { NodeType: ExpressionType.AndAlso } and => And(Visit(and.Left), Visit(and.Right)),
        BinaryExpression { NodeType: ExpressionType.OrElse } or => Or(Visit(or.Left), Visit(or.Right)),
        UnaryExpression { NodeType: ExpressionType.Not } not => Not(Visit(not.Operand)),
        BinaryExpression binary when Operator(binary.NodeType) is { } op => Comparison(binary, op),
        MethodCallExpression call => Contains(call),
        _ when Property(node) is { } property && property.Type.IsAssignableTo(typeof(bool?)) =>
            new ComparisonNode(property.StorageName, ComparisonOperator.Equal, true),
        _ => throw Unsupported(node),
    };

    private static FilterNode And(FilterNode left, FilterNode right) => (left, right) switch
    {
        (ConstantNode { Value: true }, _) => right,
        (_, ConstantNode { Value: true }) => left,
        (ConstantNode { Value: false }, _) => left,
        (_, ConstantNode { Value: false }) => right,
        _ => new AndNode(left, right),
    };

    private static FilterNode Not(FilterNode operand) => operand is ConstantNode constant ? new ConstantNode(!constant.Value) : new NotNode(operand);

    private static FilterNode Or(FilterNode left, FilterNode right) => (left, right) switch
    {
        (ConstantNode { Value: false }, _) => right,
        (_, ConstantNode { Value: false }) => left,
        (ConstantNode { Value: true }, _) => left,
        (_, ConstantNode { Value: true }) => right,
        _ => new OrNode(left, right),
    };

    private ComparisonNode Comparison(BinaryExpression binary, ComparisonOperator op)
    {
        if (ListProperty(binary.Left) is not null || ListProperty(binary.Right) is not null)
        {
            // A list property compared as a whole: no provider compares lists by value, so say so instead of matching nothing.
            throw Unsupported(binary);
        }

        if (Property(binary.Left) is { } left && TryConstant(binary.Right, out var right))
        {
            return new ComparisonNode(left.StorageName, op, PayloadValue.Normalize(right));
        }

        if (Property(binary.Right) is { } property && TryConstant(binary.Left, out var constant))
        {
            return new ComparisonNode(property.StorageName, Mirror(op), PayloadValue.Normalize(constant));
        }

        throw Unsupported(binary);
    }

    private FilterNode Contains(MethodCallExpression call)
    {
        if (!TryMatchContains(call, out var source, out var item))
        {
            throw Unsupported(call);
        }

        if (Property(source) is { } tags && TryConstant(item, out var value) && value is not null)
        {
            return new ContainsNode(tags.StorageName, PayloadValue.Normalize(value)!);
        }

        if (Property(item) is { } scalar && TryConstant(source, out var values) && values is IEnumerable list)
        {
            return new InNode(scalar.StorageName, list.Cast<object?>().Select(PayloadValue.Normalize).ToArray());
        }

        throw Unsupported(call);
    }

    private PropertyModel? Property(Expression expression)
    {
        while (expression is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } convert)
        {
            expression = convert.Operand;
        }

        return TryBindProperty(expression, out var property) ? property : null;
    }

    private PropertyModel? ListProperty(Expression expression) =>
        Property(expression) is { } property && PayloadValue.ElementType(Nullable.GetUnderlyingType(property.Type) ?? property.Type) is not null
            ? property
            : null;

    private static T Evaluate<T>(Expression expression) => (T)Expression.Lambda(expression).Compile(preferInterpretation: true).DynamicInvoke()!;

    private bool TryConstant(Expression expression, out object? value)
    {
        switch (expression)
        {
            case ConstantExpression constant:
                value = constant.Value;
                return true;
            case QueryParameterExpression parameter:
                value = parameter.Value;
                return true;
            case UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } convert
                when TryConstant(convert.Operand, out var inner):
                value = inner;
                return true;
            case NewArrayExpression or ListInitExpression or MemberExpression when !References(expression, RecordParameter):
                value = Evaluate<object?>(expression);
                return true;
            default:
                value = null;
                return false;
        }
    }

    private static bool References(Expression expression, ParameterExpression parameter)
    {
        var finder = new ParameterFinder(parameter);
        finder.Visit(expression);
        return finder.Found;
    }

    private static ComparisonOperator? Operator(ExpressionType type) => type switch
    {
        ExpressionType.Equal => ComparisonOperator.Equal,
        ExpressionType.NotEqual => ComparisonOperator.NotEqual,
        ExpressionType.GreaterThan => ComparisonOperator.GreaterThan,
        ExpressionType.GreaterThanOrEqual => ComparisonOperator.GreaterThanOrEqual,
        ExpressionType.LessThan => ComparisonOperator.LessThan,
        ExpressionType.LessThanOrEqual => ComparisonOperator.LessThanOrEqual,
        _ => null,
    };

    private static ComparisonOperator Mirror(ComparisonOperator op) => op switch
    {
        ComparisonOperator.GreaterThan => ComparisonOperator.LessThan,
        ComparisonOperator.GreaterThanOrEqual => ComparisonOperator.LessThanOrEqual,
        ComparisonOperator.LessThan => ComparisonOperator.GreaterThan,
        ComparisonOperator.LessThanOrEqual => ComparisonOperator.GreaterThanOrEqual,
        _ => op,
    };

    private static NotSupportedException Unsupported(Expression expression) =>
        new($"The filter expression '{expression}' is not supported: use ==, !=, <, <=, >, >= between a scalar property and a constant, " +
            "a boolean property, &&, ||, !, or Contains on a tag-list property or a constant list.");

    private sealed class ParameterFinder(ParameterExpression parameter) : ExpressionVisitor
    {
        public bool Found { get; private set; }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            Found |= node == parameter;
            return node;
        }
    }
}
