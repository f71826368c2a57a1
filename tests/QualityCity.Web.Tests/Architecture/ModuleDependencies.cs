using Mono.Cecil;
using Mono.Cecil.Cil;

namespace QualityCity.Web.Tests.Architecture;

/// <summary>One use of a type of another module, as the compiled code has it.</summary>
public sealed record ModuleReference(string FromModule, string FromType, string ToModule, string ToType, bool ToContract);

/// <summary>
/// Reads the compiled web assembly and lists every place where a type of one module uses a type of
/// another: base types, interfaces, attributes, fields, properties, signatures, locals, and every
/// type, method and field an instruction names. Compiler-made types (lambdas, async state machines,
/// Razor's generated page classes) count for the module whose source made them.
/// </summary>
public static class ModuleDependencies
{
    private const string ModulesNamespace = "QualityCity.Web.Modules.";
    private const string RazorNamespace = "AspNetCoreGeneratedDocument";

    /// <summary>The module a type belongs to and whether it is part of the module's contract; null for types outside the modules.</summary>
    public static (string Module, bool IsContract)? ModuleOf(TypeReference type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        if (type.Namespace == RazorNamespace)
        {
            // Razor names a page's class after its path: Modules_Quality_Samples_Samples.
            var parts = type.Name.Split('_');
            return parts.Length > 2 && parts[0] == "Modules" && parts[1].Length > 0 ? (parts[1], false) : null;
        }

        if (!type.Namespace.StartsWith(ModulesNamespace, StringComparison.Ordinal))
        {
            return null;
        }

        var path = type.Namespace[ModulesNamespace.Length..].Split('.');
        return (path[0], path.Length > 1 && path[1] == "Contracts");
    }

    public static IReadOnlyList<ModuleReference> Read(string assemblyPath)
    {
        using var assembly = AssemblyDefinition.ReadAssembly(assemblyPath);
        return Read(assembly);
    }

    public static IReadOnlyList<ModuleReference> Read(AssemblyDefinition assembly)
    {
        var found = new HashSet<ModuleReference>();
        foreach (var type in assembly.Modules.SelectMany(m => m.GetTypes()))
        {
            if (ModuleOf(type) is not { } from)
            {
                continue;
            }

            foreach (var used in UsedTypes(type))
            {
                if (ModuleOf(used) is { } to && to.Module != from.Module)
                {
                    found.Add(new ModuleReference(from.Module, Outermost(type).FullName, to.Module, Outermost(used).FullName, to.IsContract));
                }
            }
        }

        return [.. found.OrderBy(r => r.FromModule, StringComparer.Ordinal).ThenBy(r => r.ToModule, StringComparer.Ordinal)
            .ThenBy(r => r.FromType, StringComparer.Ordinal).ThenBy(r => r.ToType, StringComparer.Ordinal)];
    }

    /// <summary>Every use by a module's type of a type in <paramref name="namespacePrefix"/> (code outside the modules).</summary>
    public static IReadOnlyList<(string FromModule, string FromType, string ToType)> UsesOf(string assemblyPath, string namespacePrefix)
    {
        using var assembly = AssemblyDefinition.ReadAssembly(assemblyPath);
        var found = new HashSet<(string, string, string)>();
        foreach (var type in assembly.Modules.SelectMany(m => m.GetTypes()))
        {
            if (ModuleOf(type) is not { } from)
            {
                continue;
            }

            foreach (var used in UsedTypes(type).Select(Outermost))
            {
                if (used.Namespace.StartsWith(namespacePrefix, StringComparison.Ordinal))
                {
                    found.Add((from.Module, Outermost(type).FullName, used.FullName));
                }
            }
        }

        return [.. found.Order()];
    }

    private static TypeReference Outermost(TypeReference type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type;
    }

    private static List<TypeReference> UsedTypes(TypeDefinition type)
    {
        var used = new List<TypeReference>();
        void Add(TypeReference? reference) => Expand(reference, used);

        Add(type.BaseType);
        foreach (var item in type.Interfaces)
        {
            Add(item.InterfaceType);
        }

        AddAttributes(type.CustomAttributes, used);
        foreach (var constraint in type.GenericParameters.SelectMany(p => p.Constraints))
        {
            Add(constraint.ConstraintType);
        }

        foreach (var field in type.Fields)
        {
            Add(field.FieldType);
            AddAttributes(field.CustomAttributes, used);
        }

        foreach (var property in type.Properties)
        {
            Add(property.PropertyType);
            AddAttributes(property.CustomAttributes, used);
        }

        foreach (var @event in type.Events)
        {
            Add(@event.EventType);
        }

        foreach (var method in type.Methods)
        {
            Add(method.ReturnType);
            AddAttributes(method.CustomAttributes, used);
            foreach (var parameter in method.Parameters)
            {
                Add(parameter.ParameterType);
                AddAttributes(parameter.CustomAttributes, used);
            }

            if (!method.HasBody)
            {
                continue;
            }

            foreach (var variable in method.Body.Variables)
            {
                Add(variable.VariableType);
            }

            foreach (var handler in method.Body.ExceptionHandlers)
            {
                Add(handler.CatchType);
            }

            foreach (var instruction in method.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case TypeReference operand:
                        Add(operand);
                        break;
                    case MethodReference operand:
                        AddMethod(operand, used);
                        break;
                    case FieldReference operand:
                        Add(operand.DeclaringType);
                        Add(operand.FieldType);
                        break;
                    case CallSite operand:
                        Add(operand.ReturnType);
                        foreach (var parameter in operand.Parameters)
                        {
                            Add(parameter.ParameterType);
                        }

                        break;
                }
            }
        }

        return used;
    }

    private static void AddMethod(MethodReference method, List<TypeReference> used)
    {
        Expand(method.DeclaringType, used);
        Expand(method.ReturnType, used);
        foreach (var parameter in method.Parameters)
        {
            Expand(parameter.ParameterType, used);
        }

        if (method is GenericInstanceMethod generic)
        {
            foreach (var argument in generic.GenericArguments)
            {
                Expand(argument, used);
            }
        }
    }

    private static void AddAttributes(IEnumerable<CustomAttribute> attributes, List<TypeReference> used)
    {
        foreach (var attribute in attributes)
        {
            Expand(attribute.AttributeType, used);
            foreach (var argument in attribute.ConstructorArguments.Concat(attribute.Properties.Select(p => p.Argument)))
            {
                Expand(argument.Value as TypeReference, used);
            }
        }
    }

    /// <summary>A type and everything it is made of: element types of arrays and references, generic arguments.</summary>
    private static void Expand(TypeReference? reference, List<TypeReference> used)
    {
        switch (reference)
        {
            case null or GenericParameter:
                return;
            case GenericInstanceType generic:
                Expand(generic.ElementType, used);
                foreach (var argument in generic.GenericArguments)
                {
                    Expand(argument, used);
                }

                return;
            case TypeSpecification specification:
                Expand(specification.ElementType, used);
                return;
            default:
                used.Add(reference);
                return;
        }
    }
}
