using Switcheroo.Bench;

Options options;
try
{
    options = Options.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(Options.Usage);
    return 2;
}

switch (options.Command)
{
    case "parse":
        return ParseBench.Run(options);
    case "serve":
        return ParseBench.Serve(options);
    case "split":
        return SplitBench.Run(options);
    case "scale":
        return ScaleBench.Run(options);
    case "convert":
        return ConvertBench.Run(options);
    case "gc":
        return GcBench.Run(options);
    case "corpus":
        Console.Write(Corpus.FetchVerdicts(options.Python, Corpus.Script));
        return 0;
    case "help" or "--help" or "-h":
        Console.WriteLine(Options.Usage);
        return 0;
    default:
        Console.Error.WriteLine($"unknown command {options.Command}");
        Console.Error.WriteLine(Options.Usage);
        return 2;
}
