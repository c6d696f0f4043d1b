using System.Collections;
using System.Globalization;

namespace AiPlatform.Sdk.Vector.VectorData;

/// <summary>
/// The normal form in which data properties are stored, compared and persisted: <see cref="string"/>, <see cref="long"/>,
/// <see cref="double"/>, <see cref="bool"/>, <see cref="Guid"/>, <see cref="DateTimeOffset"/>, or an array of one of the first
/// three (a tag list); <see langword="null"/> for missing values.
/// </summary>
internal static class PayloadValue
{
    internal const string SupportedTypes =
        "string, int, long, short, byte, double, float, decimal, bool, Guid, DateTime, DateTimeOffset (nullable or not), and arrays or lists of string, int, long, double, float";

    private static readonly Type[] Scalars =
    [
        typeof(string), typeof(int), typeof(long), typeof(short), typeof(byte), typeof(double), typeof(float), typeof(decimal),
        typeof(bool), typeof(Guid), typeof(DateTime), typeof(DateTimeOffset),
    ];

    private static readonly Type[] ElementTypes = [typeof(string), typeof(int), typeof(long), typeof(double), typeof(float)];

    /// <summary>Whether a data property of type <paramref name="type"/> can be stored.</summary>
    public static bool IsSupported(Type type)
    {
        var scalar = Nullable.GetUnderlyingType(type) ?? type;
        return Scalars.Contains(scalar) || ElementType(type) is not null;
    }

    /// <summary>The element type of a supported list type, or <see langword="null"/>.</summary>
    public static Type? ElementType(Type type)
    {
        if (type == typeof(string))
        {
            return null;
        }

        var element = type.IsArray ? type.GetElementType()
            : type.IsGenericType && type.GetGenericArguments() is [var argument] && typeof(IEnumerable<>).MakeGenericType(argument).IsAssignableFrom(type) ? argument
            : null;
        return element is not null && ElementTypes.Contains(element) ? element : null;
    }

    /// <summary>Converts a property value to its normal form.</summary>
    public static object? Normalize(object? value) => value switch
    {
        null => null,
        string or long or double or bool or Guid or DateTimeOffset => value,
        int i => (long)i,
        short s => (long)s,
        byte b => (long)b,
        float f => (double)f,
        decimal d => (double)d,
        DateTime t => t.Kind == DateTimeKind.Unspecified ? new DateTimeOffset(t, TimeSpan.Zero) : new DateTimeOffset(t),
        IEnumerable<string> strings => strings.ToArray(),
        IEnumerable<int> ints => ints.Select(i => (long)i).ToArray(),
        IEnumerable<long> longs => longs.ToArray(),
        IEnumerable<float> floats => floats.Select(f => (double)f).ToArray(),
        IEnumerable<double> doubles => doubles.ToArray(),
        Enum e => Convert.ToInt64(e, CultureInfo.InvariantCulture),
        _ => throw new NotSupportedException($"A value of type {value.GetType().Name} cannot be stored; supported: {SupportedTypes}."),
    };

    /// <summary>Converts a normal-form value back to the property type <paramref name="type"/>.</summary>
    public static object? ToType(object? value, Type type)
    {
        if (value is null)
        {
            return null;
        }

        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (ElementType(target) is { } element)
        {
            var items = ((IEnumerable)value).Cast<object>().Select(v => ToType(v, element)).ToArray();
            var array = Array.CreateInstance(element, items.Length);
            Array.Copy(items, array, items.Length);
            if (target.IsArray)
            {
                return array;
            }

            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
            foreach (var item in items)
            {
                list.Add(item);
            }

            return list;
        }

        return target switch
        {
            _ when target == typeof(DateTime) => ((DateTimeOffset)value).UtcDateTime,
            _ when target == value.GetType() => value,
            _ => Convert.ChangeType(value, target, CultureInfo.InvariantCulture),
        };
    }

    /// <summary>
    /// Compares two normal-form scalars: numbers across <see cref="long"/> and <see cref="double"/>, strings ordinally.
    /// Returns <see langword="null"/> when they cannot be ordered (different kinds or a <see langword="null"/>).
    /// </summary>
    public static int? Compare(object? left, object? right) => (left, right) switch
    {
        (long a, long b) => a.CompareTo(b),
        (long a, double b) => ((double)a).CompareTo(b),
        (double a, long b) => a.CompareTo(b),
        (double a, double b) => a.CompareTo(b),
        (string a, string b) => string.CompareOrdinal(a, b),
        (bool a, bool b) => a.CompareTo(b),
        (Guid a, Guid b) => a.CompareTo(b),
        (DateTimeOffset a, DateTimeOffset b) => a.CompareTo(b),
        _ => null,
    };

    /// <summary>Equality of two normal-form scalars with the rules of <see cref="Compare"/>; two nulls are equal.</summary>
    public static bool AreEqual(object? left, object? right) =>
        left is null || right is null ? left is null && right is null : Compare(left, right) == 0;
}
