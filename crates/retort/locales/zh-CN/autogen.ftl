# autogen：check、diff、revision --autogenerate、erd 和 verify 的消息。

## 每项变更一行（check、diff 和 revision --autogenerate 列出；生成的迁移文件
## 头部始终使用英文）。

autogen-add-schema = 添加模式 { $name }
autogen-drop-schema = 删除模式 { $name }
autogen-add-extension = 添加扩展 { $name }
autogen-drop-extension = 删除扩展 { $name }
autogen-add-enum = 添加枚举 { $name }
autogen-drop-enum = 删除枚举 { $name }
autogen-change-enum = 修改枚举 { $name }：从 ({ $from }) 改为 ({ $to })
autogen-add-domain = 添加域 { $name }
autogen-drop-domain = 删除域 { $name }
autogen-change-domain = 修改域 { $name }
autogen-change-domain-type = 修改域 { $name }：从 { $from } 改为 { $to }
autogen-add-type = 添加类型 { $name }
autogen-drop-type = 删除类型 { $name }
autogen-change-type = 修改类型 { $name }
autogen-add-sequence = 添加序列 { $name }
autogen-drop-sequence = 删除序列 { $name }
autogen-change-sequence = 修改序列 { $name }
autogen-sequence-owned-by = 序列 { $name } 归属于 { $column }
autogen-sequence-owned-by-nothing = 序列 { $name } 不再归属于任何列
autogen-rename-sequence = 将序列 { $from } 重命名为 { $to }
autogen-add-table = 添加表 { $name }
autogen-drop-table = 删除表 { $name }
autogen-rename-table = 将表 { $from } 重命名为 { $to }
autogen-comment-on-table = 设置表 { $name } 的注释
autogen-rebuild-table = 重建表 { $name }（{ $reasons }）
autogen-add-column = 添加列 { $column }
autogen-drop-column = 删除列 { $column }
autogen-alter-column = 修改列 { $column }：{ $changes }
autogen-rename-column = 将列 { $column } 重命名为 { $to }
autogen-add-constraint = 在 { $table } 上添加约束 { $name }
autogen-add-constraint-validated-later = 在 { $table } 上添加约束 { $name }（先 NOT VALID，再 VALIDATE）
autogen-drop-constraint = 删除 { $table } 上的约束 { $name }
autogen-rename-constraint = 将 { $table } 上的约束 { $from } 重命名为 { $to }
autogen-add-index = 添加索引 { $name }
autogen-drop-index = 删除索引 { $name }
autogen-rename-index = 将索引 { $from } 重命名为 { $to }
autogen-add-index-on = 在 { $table } 上添加索引 { $name }
autogen-drop-index-on = 删除 { $table } 上的索引 { $name }
autogen-add-view = 添加视图 { $name }
autogen-drop-view = 删除视图 { $name }
autogen-add-function = 添加函数 { $signature }
autogen-drop-function = 删除函数 { $signature }
autogen-replace-function = 替换函数 { $signature }
autogen-add-trigger = 在 { $table } 上添加触发器 { $name }
autogen-drop-trigger = 删除 { $table } 上的触发器 { $name }
autogen-add-policy = 在 { $table } 上添加策略 { $name }
autogen-drop-policy = 删除 { $table } 上的策略 { $name }
autogen-row-security-enabled = { $table } 的行级安全：启用
autogen-row-security-enabled-forced = { $table } 的行级安全：启用，强制
autogen-row-security-disabled = { $table } 的行级安全：停用
autogen-row-security-disabled-forced = { $table } 的行级安全：停用，强制
autogen-partition-of = 将 { $table } 作为 { $parent } 的分区 { $bound }
autogen-not-null-renamed = NOT NULL 约束 { $from } 重命名为 { $to }
autogen-comment-on = 设置 { $target } 的注释

## 一行之内的列表：列表项之间、分句之间的分隔符。

autogen-list-separator = {"、"}
autogen-clause-separator = {"；"}

## 被修改的列改了什么。

autogen-column-type-change = 类型 { $from } -> { $to }
autogen-column-generated-kind = 生成列类型
autogen-column-default = 默认值
autogen-column-identity = 标识列
autogen-column-identity-options = 标识列选项
autogen-column-collation = 排序规则
autogen-column-comment = 注释

## SQLite 表为什么要重建。

autogen-rebuild-change-columns = 修改列 { $columns }
autogen-rebuild-add-columns = 添加列 { $columns }
autogen-rebuild-drop-columns = 删除列 { $columns }
autogen-rebuild-constraints = 修改表约束
autogen-rebuild-options = 修改表选项
autogen-rebuild-definition = 修改定义

## 变更为什么可能丢失数据或失败（WARNING 行）。

autogen-danger-drop-schema = 删除模式 { $name }
autogen-danger-drop-extension = 删除扩展 { $name }
autogen-danger-drop-enum = 删除枚举 { $name }
autogen-danger-rename-enum-labels = 重命名枚举 { $name } 的标签（{ $renames }）：行保留原值，使用新标签
autogen-danger-remove-enum-labels = 从枚举 { $name } 中移除标签：若有行持有这些标签则会失败
autogen-danger-drop-domain = 删除域 { $name }
autogen-danger-domain-base-type = 将域 { $name } 的基础类型从 { $from } 改为 { $to }：已有的值可能无法转换
autogen-danger-tighten-domain = 收紧域 { $name }：若有值违反则会失败
autogen-danger-drop-type = 删除类型 { $name }
autogen-danger-drop-type-attributes = 删除类型 { $name } 的属性
autogen-danger-drop-sequence = 删除序列 { $name }
autogen-danger-drop-table = 删除表 { $name } 及其所有行
autogen-danger-drop-column = 删除列 { $column } 及其数据
autogen-danger-add-not-null-column = 添加没有默认值的 NOT NULL 列 { $column }：表中已有行时会失败（请添加默认值，或先添加可为空的列、填充数据，再 SET NOT NULL）
autogen-danger-column-type = 将 { $column } 的类型从 { $from } 改为 { $to }：请检查 USING 表达式：无法转换的值会导致失败
autogen-danger-set-not-null = 对 { $column } 执行 SET NOT NULL：若有行为 NULL 则会失败
autogen-danger-replace-function = 删除并重新创建 { $signature }（CREATE OR REPLACE 无法修改其返回类型或参数）：若有视图、默认值或触发器使用它则会失败
autogen-danger-drop-policy = 删除 { $table } 上的策略 { $name }：它保护的行将由其余策略管控
autogen-danger-disable-row-security = 停用 { $table } 的行级安全：拥有表权限者将能看到所有行
autogen-danger-move-partition = 将 { $table } 从 { $parent } 分离后重新挂接：超出新范围的行会导致失败
autogen-danger-rebuild-table = 通过复制行来重建表 { $name }：违反新定义（NOT NULL、CHECK、UNIQUE、外键）的行会使迁移失败
autogen-danger-rebuild-loses-columns = { $rebuild }；已删除列 { $columns } 的数据会丢失

## 可能是重命名的“删除再添加”。

autogen-rename-candidate-table = 表 { $from } 被删除，同时添加了列相同的 { $to }
autogen-rename-candidate-table-types = 表 { $from } 被删除，同时添加了列类型相同的 { $to }
autogen-rename-candidate-column = { $from } 被删除，同时添加了 { $to }
autogen-rename-candidate-column-type = { $from } 被删除，同时添加了类型相同的 { $to }

## --rename

autogen-rename-expects = --rename 的格式应为 OLD_TABLE=NEW_TABLE 或 TABLE.OLD=NEW，实际为 '{ $text }'
autogen-rename-expects-column = --rename 的格式应为 TABLE.OLD=NEW，实际为 '{ $text }'
autogen-rename-expects-table = --rename 的格式应为 OLD_TABLE=NEW_TABLE，实际为 '{ $text }'
autogen-rename-other-schema = --rename { $text }：表只能在其所在模式内重命名，不支持移动到其他模式
autogen-rename-no-such-table = --rename { $request }：没有被删除的表 { $from }，也没有新添加的 { $to }
autogen-rename-no-such-column = --rename { $request }：该表上没有被删除的列 { $from }，也没有新添加的列 { $to }

## 读取比较的两端

autogen-compare-postgres-only = 项目的数据库是 PostgreSQL，因此与之比较的数据库也必须是 PostgreSQL
autogen-compare-sqlite-only = 项目的数据库是 SQLite，因此 --from 和 --to 必须指定 SQLite 数据库或模式文件
autogen-catalog-read-failed = 读取系统目录失败：{ $error }
autogen-search-path-failed = 无法设置 search_path：{ $error }
autogen-sqlite-schema-read-failed = 无法读取 SQLite 模式（{ $what }）：{ $error }
autogen-scratch-create-failed = 无法在 { $server } 上创建临时数据库（请将 dev_url 或 --dev-url 设为该用户可以 CREATE DATABASE 的服务器）：{ $error }
autogen-scratch-drop-failed = 警告：无法删除临时数据库 { $name }：{ $error }

## 目标模式

autogen-target-unreadable = 无法读取目标模式 { $path }：{ $error }
autogen-target-sqlalchemy = 目标模式 { $source }
autogen-target-command = 目标模式命令 `{ $command }`
autogen-what-failed = { $what }：{ $detail }
autogen-python-origin-configured = 由 retort.toml 中的 `python` 或 $VIRTUAL_ENV 指定
autogen-python-origin-default = retort.toml 中没有 `python`，也没有 $VIRTUAL_ENV
autogen-no-python = { $what }：找不到 Python：{ $python } 不存在（{ $origin }）；请在 retort.toml 中将 `python` 设为项目的解释器，或激活项目的虚拟环境
autogen-python-failed = { $what }：{ $python } 运行失败（{ $status }）：{ $output }
autogen-target-command-failed = { $what } 运行失败（{ $status }）：{ $output }
autogen-program-cannot-run = 无法运行 { $program }：{ $error }
autogen-program-timed-out = { $program } 未在 { $seconds } 秒内结束，已被终止（上限由 retort.toml 中的 `target_timeout` 设置）
autogen-program-no-error-output = （没有错误输出）
autogen-target-does-not-load-at = 目标模式 { $name }:{ $line } 无法加载：{ $error }
autogen-target-rendered-does-not-load =
    目标模式 { $name } 无法加载：生成的 SQL 第 { $line } 行：{ $error }
    该语句：
    { $statement }
autogen-target-does-not-load = 目标模式 { $name } 无法加载：{ $error }

## verify

verify-no-temporary-directory = 无法为临时数据库创建临时目录：{ $error }
verify-scratch-setup-failed = 无法设置临时数据库：{ $error }
