using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace AiPlatform.Sdk.Configuration;

/// <summary>
/// Validates settings with their data annotations, recursing into nested settings objects, and reports each failure
/// under the full configuration key (<c>AiPlatform:Serving:Inference:Endpoint</c>) so that operators know what to fix.
/// </summary>
internal sealed class ConfigurationKeyValidator<TSettings>(string optionsName, string path) : IValidateOptions<TSettings>
    where TSettings : class
{
    public ValidateOptionsResult Validate(string? name, TSettings options)
    {
        if (name != optionsName)
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();
        Collect(options, path, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Collect(object instance, string prefix, List<string> failures)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(instance, new ValidationContext(instance), results, validateAllProperties: true);
        foreach (var result in results)
        {
            var members = result.MemberNames.Any() ? result.MemberNames : [string.Empty];
            foreach (var member in members)
            {
                var key = member.Length == 0 ? prefix : ConfigurationPath.Combine(prefix, member);
                failures.Add($"{key}: {result.ErrorMessage}");
            }
        }

        foreach (var property in instance.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (IsNestedSettings(property.PropertyType) && property.GetIndexParameters().Length == 0 &&
                property.GetValue(instance) is { } nested)
            {
                Collect(nested, ConfigurationPath.Combine(prefix, property.Name), failures);
            }
        }
    }

    private static bool IsNestedSettings(Type type) =>
        type.IsClass && type != typeof(string) && type != typeof(Uri) && !typeof(IEnumerable).IsAssignableFrom(type) &&
        !typeof(Delegate).IsAssignableFrom(type) && type.Assembly.GetName().Name?.StartsWith("AiPlatform", StringComparison.Ordinal) == true;
}
