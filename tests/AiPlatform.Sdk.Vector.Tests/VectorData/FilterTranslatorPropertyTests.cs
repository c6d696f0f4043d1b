using System.Linq.Expressions;
using AiPlatform.Sdk.Testing.VectorStoreConformance;
using AiPlatform.Sdk.Vector.VectorData;
using CsCheck;
using Microsoft.Extensions.VectorData.ProviderServices;

namespace AiPlatform.Sdk.Vector.Tests.VectorData;

/// <summary>
/// Generated LINQ filters (comparisons, booleans, tag and list <c>Contains</c>, constants, nested under <c>&amp;&amp;</c>,
/// <c>||</c> and <c>!</c>): the translated and evaluated filter keeps exactly the records the compiled lambda keeps.
/// </summary>
public sealed class FilterTranslatorPropertyTests
{
    private static readonly ParameterExpression Record = Expression.Parameter(typeof(Hotel), "h");

    private static readonly CollectionModel Model = new RecordModelBuilder(
            EmbeddedVectorStoreCollection<Guid, Hotel>.KeyTypes, EmbeddedVectorStoreCollection<Guid, Hotel>.DistanceFunctions)
        .BuildFor<Guid, Hotel>(null, null);

    private static readonly string[] Names = ["a", "b", "c"];

    private static readonly string[] TagValues = ["pool", "spa", "gym"];

    private static readonly Gen<ExpressionType> Comparisons = Gen.OneOf(
        ExpressionType.Equal, ExpressionType.NotEqual, ExpressionType.LessThan, ExpressionType.LessThanOrEqual,
        ExpressionType.GreaterThan, ExpressionType.GreaterThanOrEqual);

    private static readonly Gen<Expression> Leaves = Gen.OneOf(
        Gen.Select(Comparisons, Gen.Int[0, 5], Gen.Bool).Select((op, value, flipped) => Compare(op, Property(nameof(Hotel.Rating)), Expression.Constant(value), flipped)),
        Gen.Select(Comparisons, Gen.Double[0, 200], Gen.Bool).Select((op, value, flipped) => Compare(op, Property(nameof(Hotel.Price)), Expression.Constant(value), flipped)),
        Gen.OneOf(Names).Select(name => (Expression)Expression.Equal(Property(nameof(Hotel.Name)), Expression.Constant(name))),
        Gen.Const<Expression>(Property(nameof(Hotel.Open))),
        Gen.OneOf(TagValues).Select(tag => Contains(Property(nameof(Hotel.Tags)), Expression.Constant(tag))),
        Gen.OneOf(Names).Array[0, 3].Select(names => Contains(Expression.Constant(names), Property(nameof(Hotel.Name)))),
        Gen.Bool.Select(value => (Expression)Expression.Constant(value)));

    private static readonly Gen<Expression> Filters = Tree(depth: 3);

    private static readonly Gen<Hotel> Hotels =
        Gen.Select(Gen.OneOf(Names), Gen.Int[0, 5], Gen.Double[0, 200], Gen.Bool, Gen.OneOf(TagValues).Array[0, 3])
            .Select((name, rating, price, open, tags) => new Hotel { Id = Guid.NewGuid(), Name = name, Rating = rating, Price = price, Open = open, Tags = tags });

    [Fact]
    public void A_translated_filter_keeps_what_the_lambda_keeps()
    {
        Gen.Select(Filters, Hotels.Array[1, 12]).Sample((body, hotels) =>
        {
            var filter = Expression.Lambda<Func<Hotel, bool>>(body, Record);

            var predicate = FilterEvaluator.Compile(FilterTranslator.Translate(filter, Model));

            var lambda = filter.Compile();
            Assert.All(hotels, hotel => Assert.True(lambda(hotel) == predicate(Payload(hotel)), $"{filter} on {Describe(hotel)}"));
        });
    }

    private static Gen<Expression> Tree(int depth)
    {
        if (depth == 0)
        {
            return Leaves;
        }

        var inner = Tree(depth - 1);
        return Gen.OneOf(
            Leaves,
            Gen.Select(inner, inner).Select((left, right) => (Expression)Expression.AndAlso(left, right)),
            Gen.Select(inner, inner).Select((left, right) => (Expression)Expression.OrElse(left, right)),
            inner.Select(operand => (Expression)Expression.Not(operand)));
    }

    private static Expression Property(string name) => Expression.Property(Record, name);

    private static Expression Compare(ExpressionType op, Expression property, Expression constant, bool constantFirst) =>
        constantFirst ? Expression.MakeBinary(op, constant, property) : Expression.MakeBinary(op, property, constant);

    private static Expression Contains(Expression source, Expression item) =>
        Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(string)], source, item);

    private static Dictionary<string, object?> Payload(Hotel hotel) =>
        Model.DataProperties.ToDictionary(p => p.StorageName, p => PayloadValue.Normalize(p.GetValueAsObject(hotel)));

    private static string Describe(Hotel hotel) =>
        $"{{Name={hotel.Name}, Rating={hotel.Rating}, Price={hotel.Price}, Open={hotel.Open}, Tags=[{string.Join(",", hotel.Tags)}]}}";
}
