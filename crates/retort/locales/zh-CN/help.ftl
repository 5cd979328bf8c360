# 命令行帮助（英文即 clap 定义本身，见 crates/retort-cli/src/cli.rs）。
# cmd-<命令路径> 是命令的说明，arg-<命令路径>-<参数> 是参数的说明，
# arg-retort-<参数> 是每个命令都有的选项。

help-template = {"{"}before-help{"}"}{"{"}about-with-newline{"}"}
    用法：{"{"}usage{"}"}

    {"{"}all-args{"}"}{"{"}after-help{"}"}
help-usage = 用法：
help-heading-commands = 命令
help-heading-options = 选项
help-heading-arguments = 参数

clap-more-information = 更多信息请运行 '--help'。
clap-did-you-mean = （您是不是想用 '{ $suggestion }'？）
clap-possible-values = 可选值：{ $values }
clap-invalid-value = 参数 '{ $arg }' 的值 '{ $value }' 无效{ $detail }
clap-reason = ：{ $reason }
clap-unknown-argument = 未知的参数 '{ $arg }'
clap-unknown-command = 未知的命令 '{ $command }'
clap-missing-argument = 缺少必需的参数：{ $arg }
clap-missing-command = 缺少命令
clap-conflict = 参数 '{ $arg }' 不能与 '{ $other }' 一起使用
clap-no-equals = 参数 '{ $arg }' 的值须用 '=' 连接
clap-wrong-number-of-values = 参数 '{ $arg }' 的值个数不对
clap-invalid-utf8 = 命令行含有无效的 UTF-8
clap-other = 命令行有误：{ $detail }
