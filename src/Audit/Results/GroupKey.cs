using System.Text.Json;
using System.Text.Json.Serialization;

namespace Audit.Results;

/// <summary>A group cell, written as an object <c>{"sex": "F", "age_band": "25-34"}</c> in attribute order.</summary>
[JsonConverter(typeof(GroupKeyConverter))]
public sealed record GroupKey(IReadOnlyList<KeyValuePair<string, string>> Parts)
{
    public static GroupKey Of(IReadOnlyList<string> attributes, IReadOnlyList<string> values) =>
        new(attributes.Zip(values, (a, v) => new KeyValuePair<string, string>(a, v)).ToArray());

    /// <summary>"sex = F, age = 25-34".</summary>
    public override string ToString() => string.Join(", ", Parts.Select(p => $"{p.Key} = {p.Value}"));

    /// <summary>"F" for one attribute, "F × 25-34" for an intersection.</summary>
    public string Label => string.Join(" × ", Parts.Select(p => p.Value));

    public bool Equals(GroupKey? other) => other is not null && Parts.SequenceEqual(other.Parts);

    public override int GetHashCode() => Parts.Aggregate(0, (h, p) => HashCode.Combine(h, p.Key, p.Value));
}

internal sealed class GroupKeyConverter : JsonConverter<GroupKey>
{
    public override GroupKey Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var parts = new List<KeyValuePair<string, string>>();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A group is an object of attribute: value.");
        }
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString()!;
            reader.Read();
            parts.Add(new(key, reader.GetString()!));
        }
        return new GroupKey(parts);
    }

    public override void Write(Utf8JsonWriter writer, GroupKey value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (key, v) in value.Parts)
        {
            writer.WriteString(key, v);
        }
        writer.WriteEndObject();
    }
}
