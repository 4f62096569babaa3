using static Switcheroo.Grammar.PythonParser;

namespace Switcheroo.Engine.Binding;

/// <summary>
/// The scopes of one file as <see cref="ScopeBuilder"/> built them: the module's, every scope in
/// the order the walk opened them, and the scope each name read is read in. Built once while the
/// syntax checks run and kept by the <see cref="Parsing.SyntaxTree"/>; nothing changes it after.
/// </summary>
internal sealed record FileScopes(Scope Module, IReadOnlyList<Scope> Scopes, NameUses Uses);
