# ElastiCache for Memcached: a multi-threaded, non-persistent key-value cache
# (feature store online lookups, model metadata). Redis stays the default cache;
# enable this module for simple, high-throughput caching only.

locals {
  create_parameter_group = var.parameter_group_name == null
  parameter_group_name   = local.create_parameter_group ? aws_elasticache_parameter_group.this[0].name : var.parameter_group_name
}

resource "aws_elasticache_subnet_group" "this" {
  name        = var.name
  description = "Subnets of the ${var.name} Memcached cluster"
  subnet_ids  = var.subnet_ids

  tags = var.tags
}

resource "aws_elasticache_parameter_group" "this" {
  count = local.create_parameter_group ? 1 : 0

  name        = var.name
  family      = var.parameter_group_family
  description = "Parameters of the ${var.name} Memcached cluster"

  dynamic "parameter" {
    for_each = var.parameters

    content {
      name  = parameter.key
      value = parameter.value
    }
  }

  tags = var.tags

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_security_group" "this" {
  name_prefix = "${var.name}-"
  description = "Access to the ${var.name} Memcached cluster"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = var.name })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "from_security_groups" {
  for_each = toset(var.allowed_security_group_ids)

  security_group_id            = aws_security_group.this.id
  referenced_security_group_id = each.value
  ip_protocol                  = "tcp"
  from_port                    = var.port
  to_port                      = var.port
  description                  = "Memcached from ${each.value}"
}

resource "aws_vpc_security_group_ingress_rule" "from_cidrs" {
  for_each = toset(var.allowed_cidr_blocks)

  security_group_id = aws_security_group.this.id
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = var.port
  to_port           = var.port
  description       = "Memcached from ${each.value}"
}

resource "aws_elasticache_cluster" "this" {
  cluster_id     = var.name
  engine         = "memcached"
  engine_version = var.engine_version
  node_type      = var.node_type
  port           = var.port

  num_cache_nodes = var.num_cache_nodes
  az_mode         = var.az_mode

  parameter_group_name = local.parameter_group_name
  subnet_group_name    = aws_elasticache_subnet_group.this.name
  security_group_ids   = [aws_security_group.this.id]

  transit_encryption_enabled = var.transit_encryption_enabled
  maintenance_window         = var.maintenance_window
  apply_immediately          = var.apply_immediately
  notification_topic_arn     = var.notification_topic_arn

  tags = var.tags

  lifecycle {
    precondition {
      condition     = var.az_mode == "single-az" || var.num_cache_nodes > 1
      error_message = "az_mode \"cross-az\" needs num_cache_nodes > 1."
    }
  }
}
