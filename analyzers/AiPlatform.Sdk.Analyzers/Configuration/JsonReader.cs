using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace AiPlatform.Sdk.Analyzers.Configuration;

/// <summary>
/// A small JSON reader that keeps the span of every name and value, and accepts what the configuration JSON provider accepts:
/// <c>//</c> and <c>/* */</c> comments and trailing commas. System.Text.Json is not used because an analyzer cannot count on
/// finding it (or the version it was built against) in every compiler host.
/// </summary>
internal sealed class JsonReader
{
    private readonly string _text;
    private int _position;

    private JsonReader(string text) => _text = text;

    /// <summary>Parses a document; returns null when it is not valid JSON (the configuration provider reports that at run time).</summary>
    public static JsonNode? TryParse(string text)
    {
        var reader = new JsonReader(text);
        try
        {
            reader.SkipTrivia();
            var root = reader.ReadValue(depth: 0);
            reader.SkipTrivia();
            return reader._position == text.Length ? root : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private JsonNode ReadValue(int depth)
    {
        if (depth > 256)
        {
            throw new FormatException("Too deep.");
        }

        var c = Peek();
        switch (c)
        {
            case '{':
                return ReadObject(depth);
            case '[':
                return ReadArray(depth);
            case '"':
                var start = _position;
                var value = ReadString();
                return JsonNode.Scalar(JsonKind.String, TextSpan.FromBounds(start, _position), value);
            case 't':
                return ReadLiteral("true", JsonKind.True);
            case 'f':
                return ReadLiteral("false", JsonKind.False);
            case 'n':
                return ReadLiteral("null", JsonKind.Null);
            default:
                if (c == '-' || (c >= '0' && c <= '9'))
                {
                    return ReadNumber();
                }

                throw new FormatException("Unexpected character.");
        }
    }

    private JsonNode ReadObject(int depth)
    {
        var start = _position++;
        var properties = new List<JsonProperty>();
        while (true)
        {
            SkipTrivia();
            if (Peek() == '}')
            {
                _position++;
                return JsonNode.Object(TextSpan.FromBounds(start, _position), properties);
            }

            if (Peek() != '"')
            {
                throw new FormatException("Expected a property name.");
            }

            var nameStart = _position;
            var name = ReadString();
            var nameSpan = TextSpan.FromBounds(nameStart, _position);
            SkipTrivia();
            Expect(':');
            SkipTrivia();
            properties.Add(new JsonProperty(name, nameSpan, ReadValue(depth + 1)));
            SkipTrivia();
            if (Peek() == ',')
            {
                _position++;
            }
            else if (Peek() != '}')
            {
                throw new FormatException("Expected ',' or '}'.");
            }
        }
    }

    private JsonNode ReadArray(int depth)
    {
        var start = _position++;
        var items = new List<JsonNode>();
        while (true)
        {
            SkipTrivia();
            if (Peek() == ']')
            {
                _position++;
                return JsonNode.Array(TextSpan.FromBounds(start, _position), items);
            }

            items.Add(ReadValue(depth + 1));
            SkipTrivia();
            if (Peek() == ',')
            {
                _position++;
            }
            else if (Peek() != ']')
            {
                throw new FormatException("Expected ',' or ']'.");
            }
        }
    }

    private string ReadString()
    {
        Expect('"');
        var builder = new StringBuilder();
        while (true)
        {
            var c = Next();
            if (c == '"')
            {
                return builder.ToString();
            }

            if (c == '\n')
            {
                throw new FormatException("Unterminated string.");
            }

            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            var escaped = Next();
            switch (escaped)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case '/': builder.Append('/'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u':
                    if (_position + 4 > _text.Length ||
                        !int.TryParse(_text.Substring(_position, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
                    {
                        throw new FormatException("Bad unicode escape.");
                    }

                    builder.Append((char)code);
                    _position += 4;
                    break;
                default:
                    throw new FormatException("Bad escape.");
            }
        }
    }

    private JsonNode ReadNumber()
    {
        var start = _position;
        while (_position < _text.Length && "+-.eE0123456789".IndexOf(_text[_position]) >= 0)
        {
            _position++;
        }

        var text = _text.Substring(start, _position - start);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            throw new FormatException("Bad number.");
        }

        return JsonNode.Scalar(JsonKind.Number, TextSpan.FromBounds(start, _position), text);
    }

    private JsonNode ReadLiteral(string literal, JsonKind kind)
    {
        if (string.CompareOrdinal(_text, _position, literal, 0, literal.Length) != 0)
        {
            throw new FormatException("Unknown literal.");
        }

        var start = _position;
        _position += literal.Length;
        return JsonNode.Scalar(kind, TextSpan.FromBounds(start, _position), literal);
    }

    private void SkipTrivia()
    {
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (char.IsWhiteSpace(c) || c == '\uFEFF')
            {
                _position++;
            }
            else if (c == '/' && _position + 1 < _text.Length && _text[_position + 1] == '/')
            {
                while (_position < _text.Length && _text[_position] != '\n')
                {
                    _position++;
                }
            }
            else if (c == '/' && _position + 1 < _text.Length && _text[_position + 1] == '*')
            {
                var end = _text.IndexOf("*/", _position + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw new FormatException("Unterminated comment.");
                }

                _position = end + 2;
            }
            else
            {
                return;
            }
        }
    }

    private char Peek() => _position < _text.Length ? _text[_position] : throw new FormatException("Unexpected end.");

    private char Next() => _position < _text.Length ? _text[_position++] : throw new FormatException("Unexpected end.");

    private void Expect(char c)
    {
        if (Next() != c)
        {
            throw new FormatException("Expected '" + c + "'.");
        }
    }
}
