using System.Collections;
using System.Globalization;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace AiPlatform.Sdk.AspNetCore.Inference;

/// <summary>
/// Reads protobuf's text format (what Triton's <c>config.pbtxt</c> is written in) into a message by its descriptor: fields by name,
/// <c>name: value</c> scalars, enums by name, <c>name { ... }</c> (or <c>&lt; ... &gt;</c>) messages, <c>[a, b]</c> lists and repeated
/// fields, <c>map</c> entries as <c>{ key: ... value: ... }</c>, <c>#</c> comments, optional <c>,</c>/<c>;</c> separators.
/// Fields the message does not declare are read and skipped, so a full Triton configuration loads with the parts this server knows.
/// </summary>
internal sealed class ProtoText
{
    private readonly string _text;
    private int _position;

    private ProtoText(string text) => _text = text;

    /// <summary>Parses <paramref name="text"/> into a new <typeparamref name="T"/>.</summary>
    /// <exception cref="FormatException">The text is malformed; the message names the line and column.</exception>
    public static T Parse<T>(string text)
        where T : IMessage<T>, new()
    {
        var message = new T();
        var reader = new ProtoText(text);
        reader.ReadFields(message, end: null);
        return message;
    }

    private void ReadFields(IMessage message, char? end)
    {
        while (true)
        {
            SkipSpace();
            if (_position >= _text.Length)
            {
                if (end is not null)
                {
                    throw Error($"expected '{end}' before the end of the text");
                }

                return;
            }

            if (end is not null && _text[_position] == end)
            {
                _position++;
                return;
            }

            var name = Identifier();
            var field = message.Descriptor.FindFieldByName(name);
            SkipSpace();
            var hasColon = Peek(':');
            if (hasColon)
            {
                _position++;
                SkipSpace();
            }

            if (field is null)
            {
                SkipValue();
            }
            else if (Peek('['))
            {
                _position++;
                SkipSpace();
                while (!Peek(']'))
                {
                    Store(message, field, ReadValue(field));
                    SkipSpace();
                    if (Peek(','))
                    {
                        _position++;
                        SkipSpace();
                    }
                }

                _position++;
            }
            else
            {
                Store(message, field, ReadValue(field));
            }

            SkipSpace();
            if (Peek(',') || Peek(';'))
            {
                _position++;
            }
        }
    }

    private object ReadValue(FieldDescriptor field)
    {
        if (field.IsMap)
        {
            var entry = field.MessageType;
            var keyField = entry.FindFieldByNumber(1);
            var valueField = entry.FindFieldByNumber(2);
            object? key = null;
            object? value = null;
            var close = Open();
            while (true)
            {
                SkipSpace();
                if (Peek(close))
                {
                    _position++;
                    break;
                }

                var name = Identifier();
                SkipSpace();
                if (Peek(':'))
                {
                    _position++;
                    SkipSpace();
                }

                switch (name)
                {
                    case "key":
                        key = ReadValue(keyField);
                        break;
                    case "value":
                        value = ReadValue(valueField);
                        break;
                    default:
                        throw Error($"a map entry of '{field.Name}' has only 'key' and 'value', not '{name}'");
                }

                SkipSpace();
                if (Peek(',') || Peek(';'))
                {
                    _position++;
                }
            }

            return new KeyValuePair<object, object?>(key ?? throw Error($"a map entry of '{field.Name}' has no key"), value);
        }

        if (field.FieldType is FieldType.Message or FieldType.Group)
        {
            var nested = (IMessage)Activator.CreateInstance(field.MessageType.ClrType)!;
            ReadFields(nested, Open());
            return nested;
        }

        return Scalar(field);
    }

    private object Scalar(FieldDescriptor field)
    {
        var start = _position;
        if (Peek('"') || Peek('\''))
        {
            var text = QuotedString();
            return field.FieldType switch
            {
                FieldType.String => text,
                FieldType.Bytes => ByteString.CopyFrom(Encoding.Latin1.GetBytes(text)),
                _ => throw Error($"'{field.Name}' takes a {field.FieldType}, not a string", start),
            };
        }

        var token = Token();
        var integer = NumberStyles.AllowLeadingSign;
        object? value = field.FieldType switch
        {
            FieldType.Bool => token switch
            {
                "true" or "True" or "t" or "1" => true,
                "false" or "False" or "f" or "0" => false,
                _ => null,
            },
            FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => int.TryParse(token, integer, CultureInfo.InvariantCulture, out var i) ? i : null,
            FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => long.TryParse(token, integer, CultureInfo.InvariantCulture, out var l) ? l : null,
            FieldType.UInt32 or FieldType.Fixed32 => uint.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var u) ? u : null,
            FieldType.UInt64 or FieldType.Fixed64 => ulong.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var ul) ? ul : null,
            FieldType.Float => float.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) ? f : null,
            FieldType.Double => double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null,
            FieldType.Enum => field.EnumType.FindValueByName(token) is { } named ? Enum.ToObject(field.EnumType.ClrType, named.Number) : null,
            _ => throw Error($"'{field.Name}' takes a quoted string, not '{token}'", start),
        };
        return value ?? throw Error($"'{token}' is not a valid {(field.FieldType == FieldType.Enum ? field.EnumType.Name : field.FieldType.ToString())} for '{field.Name}'", start);
    }

    private static void Store(IMessage message, FieldDescriptor field, object value)
    {
        if (field.IsMap)
        {
            var (key, entryValue) = (KeyValuePair<object, object?>)value;
            ((IDictionary)field.Accessor.GetValue(message))[key] = entryValue ?? Default(field.MessageType.FindFieldByNumber(2));
        }
        else if (field.IsRepeated)
        {
            ((IList)field.Accessor.GetValue(message)).Add(value);
        }
        else
        {
            field.Accessor.SetValue(message, value);
        }
    }

    private static object Default(FieldDescriptor field) => field.FieldType switch
    {
        FieldType.Message => Activator.CreateInstance(field.MessageType.ClrType)!,
        FieldType.String => string.Empty,
        _ => throw new FormatException($"a map entry of '{field.Name}' has no value"),
    };

    private void SkipValue()
    {
        if (Peek('{') || Peek('<'))
        {
            var close = Open();
            var depth = 1;
            while (depth > 0)
            {
                SkipSpace();
                if (_position >= _text.Length)
                {
                    throw Error($"expected '{close}' before the end of the text");
                }

                var c = _text[_position];
                if (c is '"' or '\'')
                {
                    QuotedString();
                    continue;
                }

                depth += c is '{' or '<' ? 1 : c is '}' or '>' ? -1 : 0;
                _position++;
            }
        }
        else if (Peek('['))
        {
            while (_position < _text.Length && _text[_position] != ']')
            {
                if (_text[_position] is '"' or '\'')
                {
                    QuotedString();
                    continue;
                }

                _position++;
            }

            _position++;
        }
        else if (Peek('"') || Peek('\''))
        {
            QuotedString();
        }
        else
        {
            Token();
        }
    }

    private char Open()
    {
        SkipSpace();
        if (Peek('{'))
        {
            _position++;
            return '}';
        }

        if (Peek('<'))
        {
            _position++;
            return '>';
        }

        throw Error("expected '{' or '<'");
    }

    private string Identifier()
    {
        var start = _position;
        while (_position < _text.Length && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] is '_' or '.'))
        {
            _position++;
        }

        return _position > start ? _text[start.._position] : throw Error("expected a field name");
    }

    private string Token()
    {
        var start = _position;
        while (_position < _text.Length && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] is '_' or '.' or '-' or '+'))
        {
            _position++;
        }

        return _position > start ? _text[start.._position] : throw Error("expected a value");
    }

    private string QuotedString()
    {
        var quote = _text[_position++];
        var value = new StringBuilder();
        while (true)
        {
            if (_position >= _text.Length || _text[_position] == '\n')
            {
                throw Error("a string is not closed");
            }

            var c = _text[_position++];
            if (c == quote)
            {
                break;
            }

            if (c == '\\' && _position < _text.Length)
            {
                var escaped = _text[_position++];
                value.Append(escaped switch { 'n' => '\n', 't' => '\t', 'r' => '\r', '0' => '\0', _ => escaped });
            }
            else
            {
                value.Append(c);
            }
        }

        SkipSpace();
        return Peek('"') || Peek('\'') ? value + QuotedString() : value.ToString(); // adjacent strings concatenate
    }

    private void SkipSpace()
    {
        while (_position < _text.Length)
        {
            if (char.IsWhiteSpace(_text[_position]))
            {
                _position++;
            }
            else if (_text[_position] == '#')
            {
                while (_position < _text.Length && _text[_position] != '\n')
                {
                    _position++;
                }
            }
            else
            {
                return;
            }
        }
    }

    private bool Peek(char c) => _position < _text.Length && _text[_position] == c;

    private FormatException Error(string message, int? at = null)
    {
        var position = Math.Min(at ?? _position, _text.Length);
        var line = 1 + _text.AsSpan(0, position).Count('\n');
        var column = position - (_text.LastIndexOf('\n', Math.Max(0, position - 1)) + 1) + 1;
        return new FormatException($"line {line}, column {column}: {message}");
    }
}
