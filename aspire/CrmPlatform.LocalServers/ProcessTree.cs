using System.Globalization;

namespace CrmPlatform.LocalServers;

/// <summary>Reads the process tree from /proc, so that a server's grandchildren can be found and stopped too.</summary>
public static class ProcessTree
{
    /// <summary>Every live descendant of <paramref name="rootPid"/>, nearest first.</summary>
    public static IReadOnlyList<int> Descendants(int rootPid)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            var parent = ReadParent(pid);
            if (parent is null)
            {
                continue;
            }

            if (!children.TryGetValue(parent.Value, out var list))
            {
                children[parent.Value] = list = [];
            }

            list.Add(pid);
        }

        var result = new List<int>();
        var queue = new Queue<int>();
        queue.Enqueue(rootPid);
        while (queue.Count > 0)
        {
            if (!children.TryGetValue(queue.Dequeue(), out var next))
            {
                continue;
            }

            foreach (var child in next)
            {
                result.Add(child);
                queue.Enqueue(child);
            }
        }

        return result;
    }

    /// <summary>The state letter of a process (R, S, Z, ...), or null when it is gone.</summary>
    public static char? ReadState(int pid)
    {
        var stat = ReadStat(pid);
        return stat is null ? null : stat.Value.State;
    }

    private static int? ReadParent(int pid) => ReadStat(pid)?.Parent;

    private static (char State, int Parent)? ReadStat(int pid)
    {
        try
        {
            // The command name in parentheses may itself hold spaces or parentheses: parse after the last ')'.
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var end = text.LastIndexOf(')');
            var fields = text[(end + 2)..].Split(' ');
            return (fields[0][0], int.Parse(fields[1], CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
