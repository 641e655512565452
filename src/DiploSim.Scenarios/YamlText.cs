using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace DiploSim.Scenarios;

/// <summary>
/// Reads the YAML of a scenario file into one document, within limits that keep every later step (the
/// representation model, the reader, the schema) from recursing without bound: a file of at most
/// <see cref="MaxCharacters"/> characters, nesting at most <see cref="MaxDepth"/> deep and at most
/// <see cref="MaxNodes"/> nodes with aliases expanded. Every problem is a <see cref="YamlException"/> with the
/// position where it lies: a second document, an unknown anchor, a key twice in one mapping, a scanner fault.
/// </summary>
public static partial class YamlText
{
    /// <summary>The longest file read, in characters (the library's largest is about 27,000).</summary>
    public const int MaxCharacters = 1_000_000;

    /// <summary>The deepest nesting of lists and mappings (the library's deepest is 6).</summary>
    public const int MaxDepth = 64;

    /// <summary>The most nodes a document may hold, counting each use of an alias as a copy of its anchor's node.</summary>
    public const int MaxNodes = 200_000;

    [System.Text.RegularExpressions.GeneratedRegex("^[ \t]+(?=\r?$)", System.Text.RegularExpressions.RegexOptions.Multiline)]
    private static partial System.Text.RegularExpressions.Regex BlankLines();

    /// <summary>Reads the single document of <paramref name="text"/>; throws a located <see cref="YamlException"/> for anything else.</summary>
    public static YamlNode Load(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxCharacters)
        {
            throw new YamlException(new Mark(MaxCharacters, 1, 1), new Mark(MaxCharacters, 1, 1),
                $"the file has {text.Length:N0} characters, more than the limit of {MaxCharacters:N0}");
        }

        // A line of only spaces and tabs is an empty line in YAML; YamlDotNet's scanner takes its tab for indentation
        // and reports the scalar before it. Emptying such lines keeps every position and every value outside block
        // scalars (inside one, a line of only blanks becomes an empty line).
        var scanner = new Scanner(new StringReader(BlankLines().Replace(text, "")));
        var parser = new GuardedParser(new Parser(scanner), scanner);
        var stream = new YamlStream();
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e) when (e.Start.Line == 0 || (e.Start.Line == 1 && e.Start.Column == 1 && parser.Position.Line > 1))
        {
            // Some faults (an unknown anchor found by the representation model) carry no position: give the parser's.
            throw new YamlException(parser.Position, parser.Position, e.Message, e);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or InvalidCastException)
        {
            // YamlDotNet's scanner throws these on some malformed input (a flow mapping left open, U+2028 inside {…}).
            throw new YamlException(parser.Position, parser.Position, "the YAML cannot be read here (check brackets, braces and quotes)", e);
        }

        return stream.Documents.Count switch
        {
            0 => new YamlMappingNode(),
            _ => stream.Documents[0].RootNode,
        };
    }

    /// <summary>
    /// Passes the parser's events through while checking the limits, one document, known anchors and unique keys,
    /// so the representation model never sees what would make it recurse deeply or fail without a position.
    /// </summary>
    private sealed class GuardedParser(IParser inner, Scanner scanner) : IParser
    {
        private readonly Stack<Frame> _frames = new();
        private readonly Dictionary<string, long> _anchors = new(StringComparer.Ordinal);
        private long _nodes;
        private int _documents;

        public ParsingEvent? Current => inner.Current;

        /// <summary>Where reading has got to: the current event's start, else the scanner's position.</summary>
        public Mark Position => inner.Current?.Start is { Line: > 0 } start ? start : scanner.CurrentPosition;

        public bool MoveNext()
        {
            if (!inner.MoveNext())
            {
                return false;
            }

            switch (inner.Current)
            {
                case DocumentStart { IsImplicit: var @implicit } start when ++_documents > 1:
                    throw new YamlException(start.Start, start.End,
                        $"a scenario file holds one YAML document; a second one starts here{(@implicit ? "" : " ('---')")}");
                case AnchorAlias alias:
                    if (!_anchors.TryGetValue(alias.Value.Value, out var size))
                    {
                        throw new YamlException(alias.Start, alias.End, $"the alias *{alias.Value.Value} names an anchor not defined before it");
                    }

                    Node(alias, size);
                    break;
                case Scalar scalar:
                    Node(scalar, 1);
                    if (!scalar.Anchor.IsEmpty)
                    {
                        _anchors[scalar.Anchor.Value] = 1;
                    }

                    break;
                case NodeEvent { } open and (MappingStart or SequenceStart):
                    Node(open, 1);
                    if (_frames.Count >= MaxDepth)
                    {
                        throw new YamlException(open.Start, open.End, $"lists and mappings nest more than {MaxDepth} deep");
                    }

                    _frames.Push(new Frame(open is MappingStart, open.Anchor.IsEmpty ? null : open.Anchor.Value, _nodes));
                    break;
                case MappingEnd or SequenceEnd:
                    if (_frames.TryPop(out var closed) && closed.Anchor is { } anchor)
                    {
                        _anchors[anchor] = _nodes - closed.NodesBefore + 1;
                    }

                    break;
            }

            return true;
        }

        private void Node(ParsingEvent node, long size)
        {
            _nodes += size;
            if (_nodes > MaxNodes)
            {
                throw new YamlException(node.Start, node.End, $"the document holds more than {MaxNodes:N0} values (aliases counted as copies)");
            }

            if (_frames.TryPeek(out var frame) && frame.IsMapping)
            {
                if (frame.ExpectsKey && node is Scalar { Value: var key } && !frame.Keys.Add(key))
                {
                    throw new YamlException(node.Start, node.End, $"the key '{key}' appears twice in one mapping");
                }

                frame.ExpectsKey = !frame.ExpectsKey;
            }
        }

        private sealed class Frame(bool isMapping, string? anchor, long nodesBefore)
        {
            public bool IsMapping => isMapping;

            public string? Anchor => anchor;

            public long NodesBefore => nodesBefore;

            public bool ExpectsKey { get; set; } = true;

            public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);
        }
    }
}
