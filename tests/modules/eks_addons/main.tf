data "aws_partition" "current" {}
data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

data "aws_eks_addon_version" "this" {
  for_each = { for k, v in var.eks_addons : k => v if v.addon_version == null }

  addon_name         = coalesce(each.value.name, each.key)
  kubernetes_version = var.cluster_version
  most_recent        = each.value.most_recent
}

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.name

  # Threads the implicit dependency on the cluster through every release
  time_sleep_cluster_name = time_sleep.this.triggers["cluster_name"]

  oidc_provider = replace(var.oidc_provider_arn, "/^(.*provider/)/", "")

  enabled_addons = {
    for name, enabled in {
      aws-load-balancer-controller = var.enable_aws_load_balancer_controller
      cluster-autoscaler           = var.enable_cluster_autoscaler
      karpenter                    = var.enable_karpenter
      aws-efs-csi-driver           = var.enable_aws_efs_csi_driver
      external-dns                 = var.enable_external_dns
      cert-manager                 = var.enable_cert_manager
      external-secrets             = var.enable_external_secrets
      metrics-server               = var.enable_metrics_server
      aws-for-fluent-bit           = var.enable_aws_for_fluentbit
      argo-cd                      = var.enable_argocd
    } : name => true if enabled
  }

  addon_settings = {
    aws-load-balancer-controller = var.aws_load_balancer_controller
    cluster-autoscaler           = var.cluster_autoscaler
    karpenter                    = var.karpenter
    aws-efs-csi-driver           = var.aws_efs_csi_driver
    external-dns                 = var.external_dns
    cert-manager                 = var.cert_manager
    external-secrets             = var.external_secrets
    metrics-server               = var.metrics_server
    aws-for-fluent-bit           = var.aws_for_fluentbit
    argo-cd                      = var.argocd
  }

  charts = {
    aws-load-balancer-controller = { repository = "https://aws.github.io/eks-charts", chart = "aws-load-balancer-controller", version = "1.8.1", namespace = "kube-system" }
    cluster-autoscaler           = { repository = "https://kubernetes.github.io/autoscaler", chart = "cluster-autoscaler", version = "9.37.0", namespace = "kube-system" }
    karpenter                    = { repository = "oci://public.ecr.aws/karpenter", chart = "karpenter", version = "1.0.1", namespace = "kube-system" }
    aws-efs-csi-driver           = { repository = "https://kubernetes-sigs.github.io/aws-efs-csi-driver/", chart = "aws-efs-csi-driver", version = "3.0.6", namespace = "kube-system" }
    external-dns                 = { repository = "https://kubernetes-sigs.github.io/external-dns/", chart = "external-dns", version = "1.14.5", namespace = "external-dns" }
    cert-manager                 = { repository = "https://charts.jetstack.io", chart = "cert-manager", version = "v1.15.1", namespace = "cert-manager" }
    external-secrets             = { repository = "https://charts.external-secrets.io", chart = "external-secrets", version = "0.9.20", namespace = "external-secrets" }
    metrics-server               = { repository = "https://kubernetes-sigs.github.io/metrics-server/", chart = "metrics-server", version = "3.12.1", namespace = "kube-system" }
    aws-for-fluent-bit           = { repository = "https://aws.github.io/eks-charts", chart = "aws-for-fluent-bit", version = "0.1.34", namespace = "kube-system" }
    argo-cd                      = { repository = "https://argoproj.github.io/argo-helm", chart = "argo-cd", version = "7.3.11", namespace = "argocd" }
  }
}

resource "time_sleep" "this" {
  create_duration = var.create_delay_duration

  triggers = {
    cluster_endpoint  = var.cluster_endpoint
    cluster_name      = var.cluster_name
    custom            = join(",", var.create_delay_dependencies)
    oidc_provider_arn = var.oidc_provider_arn
  }
}

################################################################################
# EKS Addons
################################################################################

resource "aws_eks_addon" "this" {
  for_each = var.eks_addons

  cluster_name = local.time_sleep_cluster_name
  addon_name   = coalesce(each.value.name, each.key)

  addon_version               = try(coalesce(each.value.addon_version, data.aws_eks_addon_version.this[each.key].version), null)
  configuration_values        = each.value.configuration_values
  preserve                    = each.value.preserve
  resolve_conflicts_on_create = each.value.resolve_conflicts_on_create
  resolve_conflicts_on_update = each.value.resolve_conflicts_on_update
  service_account_role_arn    = each.value.service_account_role_arn

  dynamic "pod_identity_association" {
    for_each = each.value.pod_identity_association

    content {
      role_arn        = pod_identity_association.value.role_arn
      service_account = pod_identity_association.value.service_account
    }
  }

  timeouts {
    create = try(each.value.timeouts.create, var.eks_addons_timeouts.create, null)
    update = try(each.value.timeouts.update, var.eks_addons_timeouts.update, null)
    delete = try(each.value.timeouts.delete, var.eks_addons_timeouts.delete, null)
  }

  tags = merge(var.tags, each.value.tags)
}

################################################################################
# Built-in add-ons and user Helm releases
################################################################################

resource "helm_release" "addon" {
  for_each = local.enabled_addons

  name             = try(local.addon_settings[each.key].name, each.key)
  namespace        = try(local.addon_settings[each.key].namespace, local.charts[each.key].namespace)
  create_namespace = try(local.addon_settings[each.key].create_namespace, true)
  repository       = try(local.addon_settings[each.key].repository, local.charts[each.key].repository)
  chart            = local.charts[each.key].chart
  version          = try(local.addon_settings[each.key].chart_version, local.charts[each.key].version)
  values           = try(local.addon_settings[each.key].values, [])

  dynamic "set" {
    for_each = concat(
      [{ name = "clusterName", value = local.time_sleep_cluster_name }],
      each.key == "aws-load-balancer-controller" ? [{ name = "replicaCount", value = tostring(var.load_balancer_controller_replicas) }] : [],
      try(local.addon_settings[each.key].set, []),
    )
    iterator = setting

    content {
      name  = setting.value.name
      value = setting.value.value
    }
  }

  depends_on = [aws_eks_addon.this]
}

resource "helm_release" "this" {
  for_each = var.helm_releases

  name             = coalesce(each.value.name, each.key)
  description      = each.value.description
  namespace        = each.value.namespace
  create_namespace = each.value.create_namespace
  chart            = each.value.chart
  version          = each.value.chart_version
  repository       = each.value.repository
  values           = each.value.values
  timeout          = each.value.timeout
  atomic           = each.value.atomic
  wait             = each.value.wait

  repository_username = try(var.helm_repository_credentials[each.value.repository].username, null)
  repository_password = try(var.helm_repository_credentials[each.value.repository].password, null)

  dynamic "set" {
    for_each = each.value.set
    content {
      name  = set.value.name
      value = set.value.value
      type  = set.value.type
    }
  }

  dynamic "set_sensitive" {
    for_each = each.value.set_sensitive
    content {
      name  = set_sensitive.value.name
      value = set_sensitive.value.value
    }
  }

  dynamic "postrender" {
    for_each = each.value.postrender != null ? [each.value.postrender] : []
    content {
      binary_path = postrender.value.binary_path
      args        = postrender.value.args
    }
  }
}

resource "helm_release" "kube_prometheus_stack" {
  count = var.kube_prometheus_stack != {} ? 1 : 0

  name             = "kube-prometheus-stack"
  namespace        = "monitoring"
  create_namespace = true
  repository       = "https://prometheus-community.github.io/helm-charts"
  chart            = "kube-prometheus-stack"
  version          = try(var.kube_prometheus_stack.chart_version, "61.3.2")
  values           = concat([var.kube_prometheus_stack_values], try(var.kube_prometheus_stack.values, []))
}

################################################################################
# Kubernetes objects
################################################################################

resource "kubernetes_storage_class_v1" "this" {
  for_each = var.storage_classes

  metadata {
    name = each.key
    annotations = each.value.is_default ? {
      "storageclass.kubernetes.io/is-default-class" = "true"
    } : {}
  }

  storage_provisioner    = each.value.provisioner
  reclaim_policy         = each.value.reclaim_policy
  volume_binding_mode    = each.value.volume_binding_mode
  allow_volume_expansion = each.value.allow_volume_expansion
  parameters             = each.value.parameters
}

resource "kubernetes_manifest" "node_pool" {
  for_each = var.enable_karpenter ? var.karpenter_node_pools : {}

  manifest = {
    apiVersion = "karpenter.sh/v1"
    kind       = "NodePool"
    metadata   = { name = each.key }
    spec = {
      weight = each.value.weight
      template = {
        spec = {
          requirements = [
            { key = "karpenter.k8s.aws/instance-category", operator = "In", values = each.value.requirements.instance_category },
            { key = "karpenter.k8s.aws/instance-generation", operator = "Gt", values = [tostring(each.value.requirements.instance_generation)] },
            { key = "karpenter.sh/capacity-type", operator = "In", values = each.value.requirements.capacity_type },
            { key = "kubernetes.io/arch", operator = "In", values = each.value.requirements.architecture },
          ]
          taints = [for t in each.value.taints : { key = t.key, value = t.value, effect = t.effect }]
        }
      }
      limits     = each.value.limits
      disruption = {
        consolidationPolicy = each.value.disruption.consolidation_policy
        consolidateAfter    = each.value.disruption.consolidate_after
        budgets             = [for b in each.value.disruption.budgets : { for k, v in b : k => v if v != null }]
      }
    }
  }

  depends_on = [helm_release.addon]
}

resource "kubernetes_secret_v1" "registry" {
  metadata {
    name      = "registry-pull"
    namespace = "kube-system"
  }

  type = "kubernetes.io/dockerconfigjson"

  data_wo = {
    ".dockerconfigjson" = jsonencode({
      auths = {
        "${local.account_id}.dkr.ecr.${local.region}.amazonaws.com" = {
          auth = base64encode("AWS:${var.registry_pull_token}")
        }
      }
    })
  }
  data_wo_revision = 1
}

################################################################################
# IAM for the controllers (IRSA)
################################################################################

data "aws_iam_policy_document" "irsa_assume" {
  for_each = { for k in ["aws-load-balancer-controller", "external-dns", "cert-manager", "external-secrets"] : k => k if contains(keys(local.enabled_addons), k) }

  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [var.oidc_provider_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.oidc_provider}:sub"
      values   = ["system:serviceaccount:${local.charts[each.key].namespace}:${each.key}"]
    }
  }
}

resource "aws_iam_role" "irsa" {
  for_each = data.aws_iam_policy_document.irsa_assume

  name_prefix        = "${substr(var.cluster_name, 0, 20)}-${each.key}-"
  assume_role_policy = each.value.json
  tags               = var.tags
}

resource "aws_cloudwatch_log_group" "fluentbit" {
  count = var.enable_aws_for_fluentbit && var.aws_for_fluentbit_cw_log_group.create ? 1 : 0

  name              = coalesce(var.aws_for_fluentbit_cw_log_group.name, "/aws/eks/${var.cluster_name}/aws-fluentbit-logs")
  retention_in_days = var.aws_for_fluentbit_cw_log_group.retention_in_days
  kms_key_id        = var.aws_for_fluentbit_cw_log_group.kms_key_id
  tags              = var.tags
}
