using System.Text;

namespace AiPlatform.Sdk.Training.Jobs;

/// <summary>Joins an entrypoint and its arguments into one POSIX shell command line, for backends that take a command string (Ray).</summary>
internal static class ShellCommand
{
    public static string Join(string entrypoint, IEnumerable<string> arguments)
    {
        var line = new StringBuilder(Quote(entrypoint));
        foreach (var argument in arguments)
        {
            line.Append(' ').Append(Quote(argument));
        }

        return line.ToString();
    }

    /// <summary>A word the shell reads back unchanged: as it is when it holds only safe characters, else single-quoted.</summary>
    public static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "_@%+=:,./-".Contains(c))
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
