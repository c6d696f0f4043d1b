namespace AiPlatform.Sdk.Vector.Indexing;

/// <summary>A reusable visited-set over slots: a mark array stamped with a generation, so clearing is O(1).</summary>
internal sealed class VisitedSet
{
    private int[] _marks = [];
    private int _generation;

    public void Reset(int capacity)
    {
        if (_marks.Length < capacity)
        {
            _marks = new int[Math.Max(capacity, _marks.Length * 2)];
            _generation = 0;
        }

        if (++_generation == int.MaxValue)
        {
            Array.Clear(_marks);
            _generation = 1;
        }
    }

    /// <summary>Marks <paramref name="slot"/> and returns whether it was unmarked.</summary>
    public bool Add(int slot)
    {
        if (_marks[slot] == _generation)
        {
            return false;
        }

        _marks[slot] = _generation;
        return true;
    }
}
