# 命令行自身的文字：前缀、提示、汇总。

error-prefix = 错误：
interrupted-after-finish = 运行结束后才收到中断信号
cli-warning-prefix = 警告：

# 多个命令共用。
cli-no-version-location = 未配置版本目录（version_locations）
cli-no-migration-file = 修订版本 '{ $revision }' 没有迁移文件
cli-cannot-write-file = 无法写入 { $path }：{ $error }
cli-x-expects-key-value = -x 需要 KEY=VALUE 形式，收到的是 '{ $pair }'
cli-server-notice = 服务器 { $line }
cli-nothing-to-do = 无需执行：数据库已处于目标版本。
cli-lock-retries-range = 必须是 0 到 { $max } 之间的整数，而不是 `{ $text }`

# upgrade、downgrade、stamp、ensure_version
cli-database-target = 数据库：{ $target }
cli-running-step = 正在执行 { $step }
cli-running-step-with-message = 正在执行 { $step }：{ $message }
cli-exec-upgrade-only = `-- CMD`（入口模式）只能用于 `upgrade`
cli-progress-position = 修订版本 { $position }/{ $total }：

# 入口模式（upgrade ... -- CMD）
cli-exec-not-with-sql = `-- CMD` 会在迁移数据库后启动程序，不能与 --sql 同时使用
cli-skip-switch-set = 已设置 { $name }：不执行迁移
cli-skip-switch-invalid = { $name }={ $value }：应为 true 或 false（也可用 1/0、yes/no、on/off）
cli-cannot-start-program = 无法启动 { $program }：{ $error }

# 降级丢失数据的确认，以及运行前所做的备份
cli-backup-made = 备份：{ $path }（{ $size } 字节）
cli-backup-removed = 已删除旧备份 { $path }（backup_keep）
cli-data-loss-warning = 此次降级会删除数据：
cli-data-loss-question = 确定执行降级并丢失这些数据吗？[y/N，是/否]{" "}

# revision --autogenerate 的重命名询问
cli-rename-cannot-ask = 无法询问重命名：{ $error }
cli-rename-candidate = { $description }。
cli-rename-question = 这是一次重命名吗（--rename { $request }）？[y/N，是/否]{" "}

# init、revision、merge、edit
cli-creating = 正在创建 { $path }
cli-init-next-step = 请编辑 retort.toml 指向您的数据库，然后运行：retort revision -m "first"
cli-generating-done = 正在生成 { $path } ... 完成
cli-no-schema-changes = 未检测到模式变更。
cli-edit-no-current = 没有当前修订版本
cli-edit-no-files = 符号 '{ $symbol }' 未指向任何修订版本文件
cli-editor-cannot-start = 无法启动编辑器 '{ $editor }'：{ $error }
cli-editor-failed = 编辑器 '{ $editor }' 退出状态为 { $status }

# check、diff、erd、revision --autogenerate
cli-check-in-sync = 没有变更：数据库与目标模式一致。
cli-diff-no-changes = 没有变更。
cli-detected-change = 检测到 { $change }

# pending
cli-pending-up-to-date = { $head }：已是最新
cli-pending-count = { $head }：{ $count } 个待执行
cli-pending-no-revisions = 没有修订版本
cli-pending-at-every-head = 数据库已处于所有 head。

# backups
cli-backups-cannot-read = 无法读取备份目录 { $directory }：{ $error }
cli-backups-none = { $directory } 中没有备份
cli-backups-in = 位于 { $directory }
cli-backups-column-file = 文件
cli-backups-column-database = 数据库
cli-backups-column-time = 时间（UTC）
cli-backups-column-revision = 修订版本
cli-backups-column-size = 大小

# verify
cli-verify-all-passed = 全部 { $count } 个修订版本均已通过。
cli-verify-status-fail = 失败
cli-verify-status-ok = 通过
cli-verify-status-no-op = 空操作
cli-verify-not-reached = 未执行到（之前的升级失败了）：{ $revisions }
cli-verify-target-not-reached = 目标模式：未比较（校验没有走到每个 head）
cli-verify-target-in-sync = 目标模式：各 head 与之一致
cli-verify-target-differs = 目标模式：各 head 与之不同；要与之一致需要：
cli-verify-upgrade-fails = 升级失败：
cli-verify-irreversible = 不可逆：没有降级 SQL（请补写，或将该部分标记为 `-- retort:downgrade no-op`）
cli-verify-irreversible-leaves = 不可逆：没有降级 SQL（请补写，或将该部分标记为 `-- retort:downgrade no-op`）；撤销其升级需要：
cli-verify-no-op-clean = 降级声明为空操作；不会留下任何东西
cli-verify-no-op-leaves = 降级声明为空操作；它会留下以下内容（撤销需要）：
cli-verify-downgrade-fails = 降级失败：
cli-verify-downgrade-differs = 降级后的模式与升级前不同；恢复原状需要：
cli-verify-not-repeatable = 降级后再次执行升级失败：

# current、graph
cli-not-at-all-heads = 数据库没有处于所有 head 修订版本
cli-graph-unknown-current = 数据库处于修订版本 '{ $revision }'，但没有迁移文件定义它
cli-graph-bad-format = --format 必须是 svg、mermaid 或 dot，而不是 '{ $format }'

# completions、man
cli-man-no-subcommand = 没有子命令 `{ $name }`；可选：{ $names }
cli-man-cannot-render = 无法生成手册页：{ $error }
cli-cannot-write-stdout = 无法写入标准输出：{ $error }

# import alembic
cli-import-no-cwd = 无法读取当前目录：{ $error }
cli-import-bad-dialect = --dialect { $dialect }：应为 postgresql 或 sqlite
cli-import-which-dialect = 要生成哪种 SQL：请传入 --dialect postgresql|sqlite，或在 { $path } 中设置 `url`
cli-import-done = 已将 { $count } 个 Alembic 修订版本导入 { $directory }（head：{ $heads }）。
cli-import-read-rows = { $revision } { $path }：{ $direction }() 在导入时读取了数据行（{ $reads }）
cli-import-review = { $count } 个修订版本包含根据临时数据库中读取的数据记录下来的 SQL；请检查它们（每个文件开头都有说明）：
cli-import-irreversible = { $count } 个修订版本无法降级（Alembic 的 downgrade() 会抛出异常或什么也不做）；它们被写为不可逆：
cli-import-python-left = Python 文件保留在原处；retort 只读取 .sql 文件。
cli-import-baseline-written = 已将 { $head } 的基线（{ $count } 个 Alembic 修订版本的模式）写入 { $path }。
cli-import-baseline-no-data = 基线只包含模式：历史中插入的数据行（种子数据）不在其中；如果新数据库需要它们，请加到基线的升级部分。

# Ctrl-C 与 SIGTERM
cli-signals-cannot-catch = 无法捕获 Ctrl-C；中断的运行可能会留下仍在执行的语句：{ $error }
cli-interrupted = 已中断
cli-interrupted-rolling-back = 已中断：正在取消执行中的语句并回滚
cli-interrupt-timed-out = 中断的运行未能在 { $seconds } 秒内停止；正在退出（服务器发现连接关闭后会结束该会话的语句并释放锁）
cli-max-failures-invalid = `{ $value }` 既不是目标个数（1 或更多），也不是目标所占的比例（如 5%，大于 0% 且不超过 100%）
