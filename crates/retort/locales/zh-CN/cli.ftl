# 命令行自身的文字：前缀、提示、汇总。

error-prefix = 错误：
interrupted-after-finish = 运行结束后才收到中断信号
