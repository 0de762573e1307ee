using Audit.Cli;

return AuditCli.Run(args, Console.Out, Console.Error);
